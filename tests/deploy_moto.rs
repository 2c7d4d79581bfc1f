//! The deploy module against a real moto server on 127.0.0.1 (feature `deploy`; scripts/test
//! enables it and installs moto). Without the feature this file says so and runs nothing.
//!
//! Every test starts its own server, so tests share no state and run in parallel. What moto
//! cannot show (rollbacks, resource events, failures) is covered by tests/deploy_replay.rs.

#![allow(clippy::unwrap_used)]

#[cfg(not(feature = "deploy"))]
#[test]
fn deploy_tests_need_the_deploy_feature() {
    ecs_dsl_examples::skip(
        "deploy tests against moto",
        "built without `--features deploy`",
    );
}

#[cfg(feature = "deploy")]
#[path = "../examples/cluster.rs"]
mod cluster;

#[cfg(feature = "deploy")]
#[path = "../examples/quickstart.rs"]
mod quickstart;

#[cfg(feature = "deploy")]
mod with_moto {
    use std::collections::BTreeMap;
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    use ecs_dsl::deploy::client::{AwsError, Clients, ConnectOptions, block_on};
    use ecs_dsl::deploy::diff::Action;
    use ecs_dsl::deploy::error::DeployError;
    use ecs_dsl::deploy::follow::Timing;
    use ecs_dsl::deploy::manifest::Manifest;
    use ecs_dsl::deploy::plan::{PlanError, Selection, StackOutcome};
    use ecs_dsl::deploy::report::{Answer, Recorder};
    use ecs_dsl::deploy::run::{DeployOptions, Deployer, INLINE_TEMPLATE_LIMIT, TEMPLATE_LIMIT};
    use ecs_dsl::deploy::upload::{BUCKET_OUTPUT, TOOLKIT_STACK, toolkit_app};
    use ecs_dsl::ecs::{AwsVpcNetwork, Cluster, Service, TaskDefinition};
    use ecs_dsl::prelude::*;
    use ecs_dsl_examples::{MotoServer, scratch_dir};

    fn options(endpoint: &str) -> ConnectOptions {
        ConnectOptions::default()
            .endpoint_url(endpoint)
            .region("us-east-1")
            .static_credentials("AKIDTEST", "SECRETTEST")
    }

    /// A deployer against `endpoint` that reports to `recorder` and answers yes.
    async fn deployer(endpoint: &str, recorder: &Recorder) -> Deployer {
        let clients = Clients::connect(&options(endpoint)).await;
        Deployer::new(clients, Arc::new(recorder.clone()), Arc::new(Answer::Yes))
    }

    fn manifest(app: &App) -> Manifest {
        Manifest::from_assembly(&app.synthesize().unwrap()).unwrap()
    }

    /// Short polls (moto finishes every operation within the call that starts it) and a
    /// deadline far below the default 30 minutes, so that a hang fails the test.
    fn quick() -> DeployOptions {
        DeployOptions {
            timing: Timing {
                first_poll: Duration::from_millis(100),
                max_poll: Duration::from_millis(500),
                deadline: Duration::from_secs(120),
                unreachable_grace: Duration::from_secs(5),
            },
            ..DeployOptions::default()
        }
    }

    /// An ECS cluster, a Fargate task definition (with its log group and execution role) and
    /// a replica service of `desired` tasks, in one stack.
    fn service_app(stack_name: &str, desired: u32) -> App {
        let mut app = App::new();
        let stack = app.stack(stack_name).unwrap();
        stack.set_description("ECS cluster, task definition and service (moto test)");
        let cluster = Cluster::builder(&stack, "Cluster").build().unwrap();
        let task =
            TaskDefinition::fargate(&stack, "Web", ecs_dsl::fargate!(cpu = 256, memory = 512));
        let web = task
            .new_container("web", ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"))
            .port(80)
            .log_to_cloudwatch();
        let task = task.container(web).build().unwrap();
        let service = Service::replica(&stack, "Service", &cluster, &task)
            .desired_count(desired)
            .network(AwsVpcNetwork::new(["subnet-0123456789abcdef0"]))
            .build()
            .unwrap();
        stack
            .add_output("ClusterName", Output::new(cluster.name()))
            .unwrap();
        stack
            .add_output("ServiceName", Output::new(service.name()))
            .unwrap();
        app
    }

    /// One stack holding one log group (`Logs`) with `days` of retention.
    fn log_group_stack(app: &mut App, name: &str, days: u32) -> Stack {
        let stack = app.stack(name).unwrap();
        stack
            .add(
                "Logs",
                ecs_dsl::cfn::logs::LogGroup::new().retention_in_days(days),
            )
            .unwrap();
        stack
    }

    /// The index of the first recorded line of `stack` that contains `text`; panics with
    /// every line when there is none.
    fn line_of(recorder: &Recorder, stack: &str, text: &str) -> usize {
        let prefix = format!("{stack} | ");
        recorder
            .lines()
            .iter()
            .position(|l| l.starts_with(&prefix) && l.contains(text))
            .unwrap_or_else(|| panic!("no line `{prefix}...{text}...`:\n{}", recorder.text()))
    }

    /// DescribeStacks straight from the SDK: (status, LastUpdatedTime), `None` when absent.
    async fn raw_status(clients: &Clients, stack: &str) -> Option<(String, Option<String>)> {
        let out = clients
            .cloudformation
            .describe_stacks()
            .stack_name(stack)
            .send()
            .await
            .ok()?;
        let s = out.stacks().first()?;
        Some((
            s.stack_status()
                .map(|x| x.as_str().to_owned())
                .unwrap_or_default(),
            s.last_updated_time().map(ToString::to_string),
        ))
    }

    /// The region's exports as CloudFormation lists them: name -> value.
    async fn exports(clients: &Clients) -> BTreeMap<String, String> {
        let out = clients.cloudformation.list_exports().send().await.unwrap();
        out.exports()
            .iter()
            .map(|e| {
                (
                    e.name().unwrap_or_default().to_owned(),
                    e.value().unwrap_or_default().to_owned(),
                )
            })
            .collect()
    }

    async fn event_count(clients: &Clients, stack: &str) -> usize {
        clients
            .stack_events(stack, &|_| false, 10)
            .await
            .unwrap()
            .len()
    }

    #[test]
    fn a_stack_that_does_not_exist_is_absent_not_an_error() {
        let Some(moto) = MotoServer::start("stack status against moto") else {
            return;
        };
        let status = block_on(async {
            let clients = Clients::connect(&options(&moto.endpoint())).await;
            clients.stack_status("never-deployed").await
        })
        .unwrap();
        assert_eq!(status.unwrap(), None);
    }

    #[test]
    fn a_stopped_endpoint_is_reported_as_unreachable() {
        // A port nothing listens on: bind, read the port, close.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let endpoint = format!("http://127.0.0.1:{port}");
        let err = block_on(async {
            let clients = Clients::connect(&options(&endpoint)).await;
            clients.stack_status("web").await
        })
        .unwrap()
        .unwrap_err();
        assert!(matches!(err, AwsError::Unreachable { .. }), "{err:?}");
        assert!(err.to_string().contains(&endpoint), "{err}");
    }

    /// 1. A new stack with a cluster, a task definition and a service is created through a
    ///    CREATE change set.
    #[test]
    fn a_new_service_stack_is_created() {
        let Some(moto) = MotoServer::start("create against moto") else {
            return;
        };
        let recorder = Recorder::default();
        block_on(async {
            let deployer = deployer(&moto.endpoint(), &recorder).await;
            let manifest = manifest(&service_app("web", 1));
            let report = deployer
                .deploy(&manifest, Selection::All, &quick())
                .await
                .unwrap();
            assert!(report.is_success(), "{:?}\n{}", report, recorder.text());
            assert_eq!(report.stacks["web"].outcome, StackOutcome::Deployed);
            assert_eq!(report.summary.deployed, ["web"]);
            // The executed changes add every resource of the template.
            let added: Vec<&str> = report.stacks["web"]
                .changes
                .iter()
                .map(|c| c.change.logical_id.as_str())
                .collect();
            for id in ["Cluster", "Web", "WebLogs", "WebExecutionRole", "Service"] {
                assert!(added.contains(&id), "{id} not in {added:?}");
            }
            assert!(
                recorder.contains("creating change set"),
                "{}",
                recorder.text()
            );
            assert!(recorder.contains("(CREATE)"), "{}", recorder.text());
            assert!(
                recorder.contains("web | CREATE_COMPLETE"),
                "{}",
                recorder.text()
            );

            // What moto holds.
            let clients = deployer.clients();
            let info = clients.describe_stack("web").await.unwrap().unwrap();
            assert_eq!(info.status.as_str(), "CREATE_COMPLETE");
            assert!(!info.outputs["ClusterName"].is_empty(), "{info:?}");
            assert!(!info.outputs["ServiceName"].is_empty(), "{info:?}");
            let template = clients.deployed_template("web").await.unwrap().unwrap();
            assert_eq!(
                template["Resources"]["Service"]["Type"],
                "AWS::ECS::Service"
            );
            assert_eq!(
                template["Resources"]["Service"]["Properties"]["DesiredCount"],
                1
            );
        })
        .unwrap();
    }

    /// The README's walkthrough: the quickstart's load-balanced service (new VPC, ALB, target
    /// group, Fargate service) deploys, redeploys as unchanged, and has its URL as an output.
    #[test]
    fn the_readme_quickstart_deploys_and_redeploys_unchanged() {
        let Some(moto) = MotoServer::start("quickstart against moto") else {
            return;
        };
        let recorder = Recorder::default();
        block_on(async {
            let deployer = deployer(&moto.endpoint(), &recorder).await;
            let manifest = manifest(&super::quickstart::build().unwrap());
            let report = deployer
                .deploy(&manifest, Selection::All, &quick())
                .await
                .unwrap();
            assert!(report.is_success(), "{:?}\n{}", report, recorder.text());
            assert_eq!(report.summary.deployed, ["hello-web"]);
            let again = deployer
                .deploy(&manifest, Selection::All, &quick())
                .await
                .unwrap();
            assert_eq!(
                again.stacks["hello-web"].outcome,
                StackOutcome::Unchanged,
                "{}",
                recorder.text()
            );
            let info = deployer
                .clients()
                .describe_stack("hello-web")
                .await
                .unwrap()
                .unwrap();
            assert!(info.outputs["WebUrl"].starts_with("http://"), "{info:?}");
        })
        .unwrap();
    }

    /// 2. Changing the desired count updates the stack in place.
    #[test]
    fn a_changed_desired_count_updates_the_stack() {
        let Some(moto) = MotoServer::start("update against moto") else {
            return;
        };
        let recorder = Recorder::default();
        block_on(async {
            let deployer = deployer(&moto.endpoint(), &recorder).await;
            let first = deployer
                .deploy(&manifest(&service_app("web", 1)), Selection::All, &quick())
                .await
                .unwrap();
            assert!(first.is_success(), "{}", recorder.text());

            let report = deployer
                .deploy(&manifest(&service_app("web", 2)), Selection::All, &quick())
                .await
                .unwrap();
            assert!(report.is_success(), "{:?}\n{}", report, recorder.text());
            let web = &report.stacks["web"];
            assert_eq!(web.outcome, StackOutcome::Deployed);
            // An in-place update: nothing added or removed, the service modified. (moto's
            // change list is coarse: it also lists the unchanged cluster as modified.)
            assert!(
                web.changes
                    .iter()
                    .any(|c| c.change.logical_id == "Service" && c.change.action == Action::Modify),
                "{}",
                recorder.text()
            );
            assert!(
                web.changes
                    .iter()
                    .all(|c| c.change.action == Action::Modify),
                "{}",
                recorder.text()
            );
            assert!(recorder.contains("(UPDATE)"), "{}", recorder.text());
            assert!(
                recorder.contains("web | UPDATE_COMPLETE"),
                "{}",
                recorder.text()
            );

            let clients = deployer.clients();
            let info = clients.describe_stack("web").await.unwrap().unwrap();
            assert_eq!(info.status.as_str(), "UPDATE_COMPLETE");
            let template = clients.deployed_template("web").await.unwrap().unwrap();
            assert_eq!(
                template["Resources"]["Service"]["Properties"]["DesiredCount"],
                2
            );
        })
        .unwrap();
    }

    /// 3. Deploying the same app again changes nothing: no change set is created, let alone
    ///    executed.
    #[test]
    fn the_same_app_again_is_unchanged_without_a_change_set() {
        let Some(moto) = MotoServer::start("no-op redeploy against moto") else {
            return;
        };
        let recorder = Recorder::default();
        block_on(async {
            let deployer = deployer(&moto.endpoint(), &recorder).await;
            let manifest = manifest(&service_app("web", 1));
            let first = deployer
                .deploy(&manifest, Selection::All, &quick())
                .await
                .unwrap();
            assert!(first.is_success(), "{}", recorder.text());
            let clients = deployer.clients();
            let before = raw_status(clients, "web").await.unwrap();
            let events_before = event_count(clients, "web").await;
            let change_sets_before = clients.change_sets("web").await.unwrap();
            let lines_before = recorder.lines().len();

            let again = deployer
                .deploy(&manifest, Selection::All, &quick())
                .await
                .unwrap();
            assert!(again.is_success(), "{}", recorder.text());
            assert_eq!(again.stacks["web"].outcome, StackOutcome::Unchanged);
            assert_eq!(again.summary.unchanged, ["web"]);
            assert!(again.stacks["web"].changes.is_empty());
            // The outputs are still reported.
            assert_eq!(again.stacks["web"].outputs, first.stacks["web"].outputs);
            let new_lines = &recorder.lines()[lines_before..];
            assert_eq!(
                new_lines,
                ["web | no changes (template, parameters and tags as deployed)"],
                "{}",
                recorder.text()
            );

            // moto lists every change set it ever made, executed ones included (and of every
            // stack): the list must be exactly what it was, so this deploy made none.
            let change_sets_after = clients.change_sets("web").await.unwrap();
            assert_eq!(change_sets_after, change_sets_before);
            assert!(
                change_sets_after.len() <= 1,
                "only the first deploy's change set: {change_sets_after:?}"
            );
            // Nothing ran: same status, same LastUpdatedTime, no new stack event.
            assert_eq!(raw_status(clients, "web").await.unwrap(), before);
            assert_eq!(before.0, "CREATE_COMPLETE");
            assert_eq!(event_count(clients, "web").await, events_before);
        })
        .unwrap();
    }

    /// 4. Outputs come back in the report, in `--outputs-file` and from `outputs`.
    #[test]
    fn outputs_are_reported_written_and_read_back() {
        let Some(moto) = MotoServer::start("outputs against moto") else {
            return;
        };
        let dir = scratch_dir("deploy_moto_outputs");
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("outputs.json");
        let recorder = Recorder::default();
        block_on(async {
            let deployer = deployer(&moto.endpoint(), &recorder).await;
            let mut app = App::new();
            let stack = app.stack("logs").unwrap();
            let group = stack
                .add(
                    "Logs",
                    ecs_dsl::cfn::logs::LogGroup::new()
                        .log_group_name("/ecs/moto-outputs")
                        .retention_in_days(7),
                )
                .unwrap();
            stack
                .add_output("LogGroupName", Output::new(group.reference()))
                .unwrap();
            stack
                .add_output("LogGroupArn", Output::new(group.attr_arn()))
                .unwrap();
            stack
                .add_output("Fixed", Output::new(Json::from("forty-two")))
                .unwrap();
            let manifest = manifest(&app);
            let options = DeployOptions {
                outputs_file: Some(file.clone()),
                ..quick()
            };
            let report = deployer
                .deploy(&manifest, Selection::All, &options)
                .await
                .unwrap();
            assert!(report.is_success(), "{}", recorder.text());

            let outputs = report.outputs();
            let logs = outputs["logs"];
            assert_eq!(logs["LogGroupName"], "/ecs/moto-outputs");
            assert_eq!(logs["Fixed"], "forty-two");
            assert!(
                logs["LogGroupArn"].starts_with("arn:aws:logs:us-east-1:")
                    && logs["LogGroupArn"].contains("/ecs/moto-outputs"),
                "{logs:?}"
            );

            let written: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
            assert_eq!(written, serde_json::json!({ "logs": logs }));

            let read_back = deployer.outputs(&manifest).await.unwrap();
            assert_eq!(&read_back["logs"], logs);
            let described = deployer.clients().describe_stack("logs").await.unwrap();
            assert_eq!(&described.unwrap().outputs, logs);
        })
        .unwrap();
    }

    /// 5. A reference across stacks deploys exporter then importer; destroying only the
    ///    exporter is refused naming the importer; destroying both goes importer first.
    #[test]
    fn an_import_across_stacks_orders_deploy_and_guards_destroy() {
        let Some(moto) = MotoServer::start("cross-stack import against moto") else {
            return;
        };
        let recorder = Recorder::default();
        block_on(async {
            let deployer = deployer(&moto.endpoint(), &recorder).await;
            let mut app = App::new();
            let base = app.stack("base").unwrap();
            let group = base
                .add(
                    "Logs",
                    ecs_dsl::cfn::logs::LogGroup::new().retention_in_days(14),
                )
                .unwrap();
            let app_stack = app.stack("app").unwrap();
            // A resource of `app` that uses `base`'s log group: synthesis exports the ARN
            // from `base` and imports it in `app`.
            app_stack
                .add(
                    "ReadLogs",
                    ecs_dsl::cfn::iam::ManagedPolicy::new(Json::object([
                        ("Version", Json::from("2012-10-17")),
                        (
                            "Statement",
                            Json::Array(vec![Json::object([
                                ("Effect", Json::from("Allow")),
                                ("Action", Json::from("logs:GetLogEvents")),
                                ("Resource", group.attr_arn().into()),
                            ])]),
                        ),
                    ])),
                )
                .unwrap();
            app_stack
                .add_output("ImportedArn", Output::new(group.attr_arn()))
                .unwrap();
            let manifest = manifest(&app);
            let export = manifest.stack("base").unwrap().exports()[0].to_owned();
            assert_eq!(manifest.stack("app").unwrap().imports, [export.as_str()]);

            let report = deployer
                .deploy(&manifest, Selection::All, &quick())
                .await
                .unwrap();
            assert!(report.is_success(), "{:?}\n{}", report, recorder.text());
            assert_eq!(report.summary.deployed, ["base", "app"]);
            assert!(
                line_of(&recorder, "base", "CREATE_COMPLETE")
                    < line_of(&recorder, "app", "creating change set"),
                "{}",
                recorder.text()
            );
            // `base` exports its log group's ARN, and moto resolved `app`'s import to it.
            let clients = deployer.clients();
            let base_arn = exports(clients).await[&export].clone();
            assert!(
                base_arn.starts_with("arn:aws:logs:us-east-1:"),
                "{base_arn}"
            );
            assert_eq!(report.stacks["app"].outputs["ImportedArn"], base_arn);

            // Only `base`: refused before any delete, naming `app`.
            let err = deployer
                .destroy(&manifest, Selection::exclusively(["base"]), &quick())
                .await
                .unwrap_err();
            match &err {
                DeployError::Plan(PlanError::ExportsInUse { conflicts }) => {
                    assert_eq!(conflicts.len(), 1, "{err}");
                    assert_eq!(conflicts[0].importer, "app");
                    assert_eq!(conflicts[0].export, export);
                }
                other => panic!("expected ExportsInUse, got {other:?}"),
            }
            assert!(
                err.to_string().contains("stack `app` still imports"),
                "{err}"
            );
            let clients = deployer.clients();
            assert!(clients.describe_stack("base").await.unwrap().is_some());
            assert!(clients.describe_stack("app").await.unwrap().is_some());

            // Everything: the importer goes first.
            let lines_before = recorder.lines().len();
            let report = deployer
                .destroy(&manifest, Selection::All, &quick())
                .await
                .unwrap();
            assert!(report.is_success(), "{:?}\n{}", report, recorder.text());
            assert_eq!(report.summary.deleted, ["base", "app"]);
            let app_gone = line_of(&recorder, "app", "DELETE_COMPLETE");
            assert!(app_gone > lines_before);
            assert!(
                app_gone < line_of(&recorder, "base", "deleting"),
                "{}",
                recorder.text()
            );
            assert!(clients.describe_stack("base").await.unwrap().is_none());
            assert!(clients.describe_stack("app").await.unwrap().is_none());
        })
        .unwrap();
    }

    /// A stack whose template is over the inline limit: a log group and `padding` bytes of
    /// template metadata.
    fn big_app(name: &str, padding: usize) -> App {
        let mut app = App::new();
        let stack = log_group_stack(&mut app, name, 30);
        stack.set_metadata("Padding", Json::from("x".repeat(padding)));
        app
    }

    /// 6. A template over 51,200 bytes goes to the toolkit bucket and is deployed from its
    ///    URL.
    #[test]
    fn a_large_template_is_deployed_from_the_toolkit_bucket() {
        let Some(moto) = MotoServer::start("S3 template path against moto") else {
            return;
        };
        let recorder = Recorder::default();
        block_on(async {
            let deployer = deployer(&moto.endpoint(), &recorder).await;
            let big = manifest(&big_app("big", 60_000));
            let entry = big.stack("big").unwrap().clone();
            assert!(entry.needs_s3_upload && entry.template_bytes > INLINE_TEMPLATE_LIMIT);

            // Without a bucket: refused before any stack starts, pointing at `bootstrap`.
            let err = deployer
                .deploy(&big, Selection::All, &quick())
                .await
                .unwrap_err();
            assert!(matches!(err, DeployError::NoBucket { .. }), "{err:?}");
            assert!(
                deployer
                    .clients()
                    .describe_stack("big")
                    .await
                    .unwrap()
                    .is_none()
            );

            // `bootstrap`.
            let toolkit = deployer
                .deploy(&manifest(&toolkit_app().unwrap()), Selection::All, &quick())
                .await
                .unwrap();
            assert!(toolkit.is_success(), "{:?}\n{}", toolkit, recorder.text());
            let bucket = toolkit.stacks[TOOLKIT_STACK].outputs[BUCKET_OUTPUT].clone();
            assert!(!bucket.is_empty());

            let report = deployer
                .deploy(&big, Selection::All, &quick())
                .await
                .unwrap();
            assert!(report.is_success(), "{:?}\n{}", report, recorder.text());
            assert_eq!(report.stacks["big"].outcome, StackOutcome::Deployed);
            let key = format!("ecs-dsl/big/{}.json", entry.template_sha256);
            let uploaded = line_of(&recorder, "big", "template uploaded to ");
            let line = &recorder.lines()[uploaded];
            // Path style on the endpoint, its loopback address written `localhost` (moto
            // recognises its own S3 in a TemplateURL by that name).
            let url = format!("http://localhost:{}/{bucket}/{key}", moto.port());
            assert_eq!(line, &format!("big | template uploaded to {url}"));

            let clients = deployer.clients();
            let head = clients
                .s3
                .head_object()
                .bucket(&bucket)
                .key(&key)
                .send()
                .await
                .unwrap();
            assert_eq!(head.content_length(), Some(entry.template_bytes as i64));
            let info = clients.describe_stack("big").await.unwrap().unwrap();
            assert_eq!(info.status.as_str(), "CREATE_COMPLETE");
            let template = clients.deployed_template("big").await.unwrap().unwrap();
            assert_eq!(
                template["Metadata"]["Padding"].as_str().unwrap().len(),
                60_000
            );

            // The same template again: unchanged.
            let again = deployer
                .deploy(&big, Selection::All, &quick())
                .await
                .unwrap();
            assert_eq!(again.stacks["big"].outcome, StackOutcome::Unchanged);
            // ... and nothing was uploaded for it: the upload comes after the no-op check.
            let uploads = recorder
                .lines()
                .iter()
                .filter(|l| l.starts_with("big | template uploaded to "))
                .count();
            assert_eq!(uploads, 1, "{}", recorder.text());

            // An explicit bucket (`--bucket`) is used as given.
            let options = DeployOptions {
                bucket: Some(bucket.clone()),
                ..quick()
            };
            let other = manifest(&big_app("big-two", 55_000));
            let report = deployer
                .deploy(&other, Selection::All, &options)
                .await
                .unwrap();
            assert!(report.is_success(), "{:?}\n{}", report, recorder.text());
            assert!(recorder.contains("big-two | template uploaded to http://localhost:"));
            let info = clients.describe_stack("big-two").await.unwrap().unwrap();
            assert_eq!(info.status.as_str(), "CREATE_COMPLETE");
            let sha = &other.stack("big-two").unwrap().template_sha256;
            clients
                .s3
                .head_object()
                .bucket(&bucket)
                .key(format!("ecs-dsl/big-two/{sha}.json"))
                .send()
                .await
                .unwrap();
        })
        .unwrap();
    }

    /// 6b. A template over 1,000,000 bytes is refused before any call.
    #[test]
    fn a_template_over_the_limit_is_refused_before_any_call() {
        let Some(moto) = MotoServer::start("template over 1 MB against moto") else {
            return;
        };
        // Synthesis itself refuses such a template, so the folder is written by hand: a
        // small app's assembly whose template is padded past the limit, with the size in the
        // manifest updated to match (the digest is left as it was: a template over the limit
        // is refused on its recorded size, before it is read).
        let dir = scratch_dir("deploy_moto_too_large");
        let mut app = App::new();
        log_group_stack(&mut app, "huge", 1);
        app.synth(&dir).unwrap();
        let template_path = dir.join("huge.template.json");
        let mut template: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&template_path).unwrap()).unwrap();
        template["Metadata"] = serde_json::json!({ "Padding": "x".repeat(TEMPLATE_LIMIT) });
        let text = serde_json::to_string_pretty(&template).unwrap();
        std::fs::write(&template_path, &text).unwrap();
        let manifest_path = dir.join("manifest.json");
        let mut manifest_json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&manifest_path).unwrap()).unwrap();
        manifest_json["stacks"][0]["templateBytes"] = text.len().into();
        manifest_json["stacks"][0]["needsS3Upload"] = true.into();
        std::fs::write(&manifest_path, manifest_json.to_string()).unwrap();
        let manifest = Manifest::load(&dir).unwrap();
        assert!(manifest.stack("huge").unwrap().template_bytes > TEMPLATE_LIMIT);

        let recorder = Recorder::default();
        block_on(async {
            let deployer = deployer(&moto.endpoint(), &recorder).await;
            let options = DeployOptions {
                bucket: Some("some-bucket".to_owned()),
                ..quick()
            };
            let err = deployer
                .deploy(&manifest, Selection::All, &options)
                .await
                .unwrap_err();
            match &err {
                DeployError::TemplateTooLarge { stack, bytes } => {
                    assert_eq!(stack, "huge");
                    assert_eq!(*bytes, text.len());
                }
                other => panic!("expected TemplateTooLarge, got {other:?}"),
            }
            assert!(err.to_string().contains("1,000,000 bytes"), "{err}");
            assert!(recorder.lines().is_empty(), "{}", recorder.text());
            assert!(
                deployer
                    .clients()
                    .describe_stack("huge")
                    .await
                    .unwrap()
                    .is_none()
            );
            let change_sets = deployer.clients().change_sets("huge").await.unwrap();
            assert!(change_sets.is_empty(), "{change_sets:?}");
        })
        .unwrap();

        // Before any call: the same deploy against an endpoint that does not exist still
        // ends in TemplateTooLarge, not in an unreachable endpoint.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let err = block_on(async {
            let deployer = deployer(&format!("http://127.0.0.1:{port}"), &recorder).await;
            deployer
                .deploy(&manifest, Selection::All, &quick())
                .await
                .unwrap_err()
        })
        .unwrap();
        assert!(
            matches!(err, DeployError::TemplateTooLarge { .. }),
            "{err:?}"
        );
    }

    /// 7. Independent stacks run at the same time with `concurrency(2)`, one after the
    ///    other with `concurrency(1)`.
    #[test]
    fn independent_stacks_deploy_in_parallel() {
        let Some(moto) = MotoServer::start("parallel deploy against moto") else {
            return;
        };
        let recorder = Recorder::default();
        block_on(async {
            let deployer = deployer(&moto.endpoint(), &recorder).await;
            let mut app = App::new();
            log_group_stack(&mut app, "left", 7);
            log_group_stack(&mut app, "right", 14);
            let manifest = manifest(&app);
            let report = deployer
                .deploy(&manifest, Selection::All, &quick().concurrency(2))
                .await
                .unwrap();
            assert!(report.is_success(), "{:?}\n{}", report, recorder.text());
            assert_eq!(report.summary.deployed, ["left", "right"]);
            let started = line_of(&recorder, "left", "creating change set").max(line_of(
                &recorder,
                "right",
                "creating change set",
            ));
            let first_done = line_of(&recorder, "left", "| CREATE_COMPLETE").min(line_of(
                &recorder,
                "right",
                "| CREATE_COMPLETE",
            ));
            assert!(
                started < first_done,
                "both should start before either ends:\n{}",
                recorder.text()
            );
            let clients = deployer.clients();
            for stack in ["left", "right"] {
                let info = clients.describe_stack(stack).await.unwrap().unwrap();
                assert_eq!(info.status.as_str(), "CREATE_COMPLETE");
            }

            // The same with one at a time: the second starts after the first ended.
            let serial = Recorder::default();
            let one = self::deployer(&moto.endpoint(), &serial).await;
            let mut app = App::new();
            log_group_stack(&mut app, "first", 7);
            log_group_stack(&mut app, "second", 14);
            let report = one
                .deploy(
                    &self::manifest(&app),
                    Selection::All,
                    &quick().concurrency(1),
                )
                .await
                .unwrap();
            assert!(report.is_success(), "{}", serial.text());
            assert!(
                line_of(&serial, "first", "| CREATE_COMPLETE")
                    < line_of(&serial, "second", "creating change set"),
                "{}",
                serial.text()
            );
        })
        .unwrap();
    }

    /// 8. `destroy` deletes the dependent stack before the stack it depends on.
    #[test]
    fn destroy_deletes_dependents_first() {
        let Some(moto) = MotoServer::start("destroy order against moto") else {
            return;
        };
        let recorder = Recorder::default();
        block_on(async {
            let deployer = deployer(&moto.endpoint(), &recorder).await;
            let mut app = App::new();
            let network = log_group_stack(&mut app, "network", 7);
            let services = log_group_stack(&mut app, "services", 7);
            services.add_dependency(&network);
            let manifest = manifest(&app);
            let report = deployer
                .deploy(&manifest, Selection::All, &quick())
                .await
                .unwrap();
            assert!(report.is_success(), "{}", recorder.text());
            assert!(
                line_of(&recorder, "network", "| CREATE_COMPLETE")
                    < line_of(&recorder, "services", "creating change set")
            );

            let before = recorder.lines().len();
            let report = deployer
                .destroy(&manifest, Selection::All, &quick())
                .await
                .unwrap();
            assert!(report.is_success(), "{:?}\n{}", report, recorder.text());
            assert_eq!(report.stacks["network"].outcome, StackOutcome::Deleted);
            assert_eq!(report.stacks["services"].outcome, StackOutcome::Deleted);
            let services_deleting = line_of(&recorder, "services", "| deleting");
            let services_gone = line_of(&recorder, "services", "| DELETE_COMPLETE");
            let network_deleting = line_of(&recorder, "network", "| deleting");
            assert!(before <= services_deleting);
            assert!(
                services_deleting < services_gone && services_gone < network_deleting,
                "{}",
                recorder.text()
            );
            line_of(&recorder, "network", "| DELETE_COMPLETE");
            let clients = deployer.clients();
            assert!(clients.describe_stack("network").await.unwrap().is_none());
            assert!(clients.describe_stack("services").await.unwrap().is_none());

            // Destroying again finds nothing to delete.
            let again = deployer
                .destroy(&manifest, Selection::All, &quick())
                .await
                .unwrap();
            assert!(again.is_success());
            assert!(recorder.contains("services | does not exist; nothing to delete"));
            assert!(again.summary.deleted.is_empty(), "{}", again.summary);
            assert_eq!(again.summary.unchanged, ["network", "services"]);
        })
        .unwrap();
    }

    /// Timing for the endpoint-loss tests: a short deadline and a grace of a few seconds.
    fn short_deadline() -> DeployOptions {
        DeployOptions {
            timing: Timing {
                first_poll: Duration::from_millis(200),
                max_poll: Duration::from_secs(1),
                deadline: Duration::from_secs(20),
                unreachable_grace: Duration::from_secs(3),
            },
            ..DeployOptions::default()
        }
    }

    /// Where the endpoint-loss tests stop the server.
    #[derive(Clone, Copy, PartialEq)]
    enum Moment {
        /// At `executing change set`: the ExecuteChangeSet call finds no endpoint.
        BeforeExecution,
        /// At the stack's first event: the polls that follow the stack find no endpoint
        /// and are retried for `unreachable_grace`.
        WhileFollowing,
    }

    /// Deploys `service_app` with a hook that stops the server at `moment`; asserts that the
    /// report fails saying the endpoint cannot be reached, well within the deadline; then
    /// restarts the server on the same port and deploys again with the same clients.
    fn endpoint_lost(moment: Moment, test: &str) {
        let Some(moto) = MotoServer::start(test) else {
            return;
        };
        let trigger = match moment {
            Moment::BeforeExecution => "| executing change set",
            Moment::WhileFollowing => "AWS::CloudFormation::Stack  CREATE_IN_PROGRESS",
        };
        let endpoint = moto.endpoint();
        let server = Arc::new(Mutex::new(moto));
        let stopped_at: Arc<Mutex<Option<Instant>>> = Arc::default();
        let recorder = {
            let server = server.clone();
            let stopped_at = stopped_at.clone();
            Recorder::with_hook(move |line| {
                let mut stopped = stopped_at.lock().unwrap();
                if stopped.is_none() && line.contains(trigger) {
                    server.lock().unwrap().stop();
                    *stopped = Some(Instant::now());
                }
            })
        };
        let options = short_deadline();
        let timing = options.timing;
        let manifest = manifest(&service_app("web", 1));
        block_on(async {
            let deployer = deployer(&endpoint, &recorder).await;
            let started = Instant::now();
            let report = deployer
                .deploy(&manifest, Selection::All, &options)
                .await
                .unwrap();
            let elapsed = started.elapsed();
            let stopped = stopped_at
                .lock()
                .unwrap()
                .unwrap_or_else(|| panic!("no line contained {trigger:?}:\n{}", recorder.text()));
            let after_stop = stopped.elapsed();
            eprintln!("{test}: failed {after_stop:?} after the stop, {elapsed:?} in all");

            assert!(!report.is_success());
            assert_eq!(report.summary.failed, ["web"]);
            let web = &report.stacks["web"];
            assert_eq!(web.outcome, StackOutcome::Failed);
            let error = web.error.as_deref().unwrap();
            assert!(
                error.starts_with(&format!(
                    "stack `web`: cannot reach the cloudformation endpoint {endpoint}: "
                )),
                "{error}\n{}",
                recorder.text()
            );
            assert!(
                recorder
                    .contains("web | error: stack `web`: cannot reach the cloudformation endpoint"),
                "{}",
                recorder.text()
            );
            let retries = recorder
                .lines()
                .iter()
                .filter(|l| l.starts_with("web | retrying: cannot reach"))
                .count();
            match moment {
                // The call fails after the SDK's own retries; nothing is followed.
                Moment::BeforeExecution => assert_eq!(retries, 0, "{}", recorder.text()),
                // The polls go on for the grace, then give up.
                Moment::WhileFollowing => {
                    assert!(retries >= 1, "{}", recorder.text());
                    assert!(after_stop >= timing.unreachable_grace, "{after_stop:?}");
                }
            }
            // Well within the deadline: the unreachable endpoint ends the deploy, not the
            // deadline (the margin is for the SDK's retries of the last call).
            let margin = Duration::from_secs(10);
            assert!(
                after_stop < timing.unreachable_grace + margin,
                "failed {after_stop:?} after the stop (grace {:?})",
                timing.unreachable_grace
            );
            assert!(
                elapsed < timing.deadline,
                "took {elapsed:?}, the deadline was {:?}",
                timing.deadline
            );
            assert!(!recorder.contains("deadline"), "{}", recorder.text());

            // moto keeps no state: a new server on the same port is a restart, and the same
            // deploy (same deployer and clients) now succeeds.
            server.lock().unwrap().restart(test);
            let report = deployer
                .deploy(&manifest, Selection::All, &options)
                .await
                .unwrap();
            assert!(report.is_success(), "{:?}\n{}", report, recorder.text());
            assert_eq!(report.stacks["web"].outcome, StackOutcome::Deployed);
            let info = deployer.clients().describe_stack("web").await.unwrap();
            assert_eq!(info.unwrap().status.as_str(), "CREATE_COMPLETE");
        })
        .unwrap();
    }

    /// 9. The endpoint goes away when the change set is about to be executed.
    #[test]
    fn an_endpoint_lost_before_execution_fails_fast_and_a_restart_recovers() {
        endpoint_lost(Moment::BeforeExecution, "endpoint lost before execution");
    }

    /// 9b. The endpoint goes away while the deploy follows the stack: polling retries for
    ///     the grace, then gives up.
    #[test]
    fn an_endpoint_lost_while_following_fails_after_the_grace() {
        endpoint_lost(Moment::WhileFollowing, "endpoint lost while following");
    }

    /// The acceptance scenario: the two-stack `cluster` example deploys, deploys again with
    /// no change set, and is destroyed.
    #[test]
    fn the_cluster_example_deploys_redeploys_unchanged_and_is_destroyed() {
        let Some(moto) = MotoServer::start("cluster example against moto") else {
            return;
        };
        let recorder = Recorder::default();
        block_on(async {
            let deployer = deployer(&moto.endpoint(), &recorder).await;
            let manifest = manifest(&crate::cluster::build().unwrap());
            assert_eq!(manifest.stack_names(), ["platform", "deployers"]);

            let report = deployer
                .deploy(&manifest, Selection::All, &quick())
                .await
                .unwrap();
            assert!(report.is_success(), "{:?}\n{}", report, recorder.text());
            assert_eq!(report.summary.deployed, ["platform", "deployers"]);
            let clients = deployer.clients();
            let mut before = BTreeMap::new();
            for stack in ["platform", "deployers"] {
                let status = raw_status(clients, stack).await.unwrap();
                assert_eq!(status.0, "CREATE_COMPLETE");
                before.insert(stack, (status, event_count(clients, stack).await));
            }
            let platform = &report.stacks["platform"].outputs;
            assert!(!platform["ClusterName"].is_empty(), "{platform:?}");
            assert_eq!(platform["LogGroupName"], "/ecs/platform/app");
            assert!(
                report.stacks["deployers"].outputs["DeployPolicyArn"].starts_with("arn:aws:iam::")
            );
            // The cluster's ARN crossed stacks as the export `deployers` imports.
            let cluster_arn = exports(clients).await["platform:Cluster:Arn"].clone();
            assert!(
                cluster_arn.starts_with("arn:aws:ecs:us-east-1:")
                    && cluster_arn.ends_with(&format!("/{}", platform["ClusterName"])),
                "{cluster_arn}"
            );
            let change_sets = clients.change_sets("platform").await.unwrap();
            let lines = recorder.lines().len();

            let started = Instant::now();
            let again = deployer
                .deploy(&manifest, Selection::All, &quick())
                .await
                .unwrap();
            let no_op = started.elapsed();
            eprintln!("no-op deploy of the cluster example (2 stacks) against moto: {no_op:?}");
            assert!(again.is_success(), "{}", recorder.text());
            assert_eq!(again.summary.unchanged, ["platform", "deployers"]);
            assert!(again.summary.deployed.is_empty());
            let new_lines = &recorder.lines()[lines..];
            assert_eq!(
                new_lines.len(),
                2,
                "one `no changes` line per stack: {new_lines:?}"
            );
            assert!(
                new_lines.iter().all(|l| l.contains("no changes")),
                "{new_lines:?}"
            );
            // Only the first deploy executed change sets: one per stack.
            let executed = recorder
                .lines()
                .iter()
                .filter(|l| l.contains("| executing change set"))
                .count();
            assert_eq!(executed, 2, "{}", recorder.text());
            assert_eq!(clients.change_sets("platform").await.unwrap(), change_sets);
            for stack in ["platform", "deployers"] {
                let status = raw_status(clients, stack).await.unwrap();
                assert_eq!(
                    (status, event_count(clients, stack).await),
                    before[stack],
                    "{stack} changed"
                );
            }

            let report = deployer
                .destroy(&manifest, Selection::All, &quick())
                .await
                .unwrap();
            assert!(report.is_success(), "{:?}\n{}", report, recorder.text());
            assert!(
                line_of(&recorder, "deployers", "| DELETE_COMPLETE")
                    < line_of(&recorder, "platform", "| deleting")
            );
            for stack in ["platform", "deployers"] {
                assert!(
                    clients.describe_stack(stack).await.unwrap().is_none(),
                    "{stack}"
                );
            }
        })
        .unwrap();
    }
}

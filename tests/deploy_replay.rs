//! The deploy module's stack-state machine against recorded CloudFormation responses
//! (feature `deploy`): a fake CloudFormation in this file answers the SDK's requests from
//! per-action scripts, records every call, and the tests check the outcome, the printed lines
//! and the calls made. The clock is tokio's paused clock, so polling and deadlines take no
//! real time. Without the feature this file says so and runs nothing.

#![allow(clippy::unwrap_used)]

#[cfg(not(feature = "deploy"))]
#[test]
fn deploy_replay_tests_need_the_deploy_feature() {
    ecs_dsl_examples::skip(
        "deploy recorded-response tests",
        "built without `--features deploy`",
    );
}

#[cfg(feature = "deploy")]
mod replay {
    use std::collections::{BTreeMap, VecDeque};
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use ecs_dsl::deploy::client::{Clients, ConnectOptions};
    use ecs_dsl::deploy::diff::RequireApproval;
    use ecs_dsl::deploy::error::DeployError;
    use ecs_dsl::deploy::follow::Timing;
    use ecs_dsl::deploy::manifest::Manifest;
    use ecs_dsl::deploy::plan::{NotAttempted, Selection, StackOutcome};
    use ecs_dsl::deploy::report::{Answer, Recorder};
    use ecs_dsl::deploy::run::{DeployOptions, Deployer, Report};
    use ecs_dsl::prelude::*;

    // -----------------------------------------------------------------------------------------
    // The fake CloudFormation
    // -----------------------------------------------------------------------------------------

    const NS: &str = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    const ACCOUNT: &str = "123456789012";

    /// One answer of the fake: an XML body (HTTP 200) or an AWS Query error.
    #[derive(Debug, Clone)]
    enum Reply {
        Ok(String),
        /// Any status and body, for broken answers.
        Raw(u16, &'static str),
        Err {
            status: u16,
            code: &'static str,
            message: String,
        },
    }

    /// One request the fake received: its `Action` and its form parameters.
    #[derive(Debug, Clone)]
    struct Call {
        action: String,
        params: BTreeMap<String, String>,
    }

    impl Call {
        fn param(&self, key: &str) -> Option<&str> {
            self.params.get(key).map(String::as_str)
        }

        /// The stack named by `StackName`, given by name or by id (an ARN).
        fn stack(&self) -> Option<&str> {
            self.param("StackName").map(stack_of)
        }
    }

    /// `web` for `web` and for `arn:aws:cloudformation:...:stack/web/<uuid>`.
    fn stack_of(name_or_id: &str) -> &str {
        match name_or_id.split_once(":stack/") {
            Some((_, rest)) => rest.split('/').next().unwrap_or(rest),
            None => name_or_id,
        }
    }

    /// Replaces the script of `key` when a request of action `on` arrives.
    struct Trigger {
        on: String,
        key: String,
        replies: Vec<Reply>,
        fired: bool,
    }

    #[derive(Default)]
    struct State {
        /// By `Action` or `Action stack`; the last reply of a queue repeats.
        queues: BTreeMap<String, VecDeque<Reply>>,
        triggers: Vec<Trigger>,
        calls: Vec<Call>,
    }

    /// CloudFormation over the AWS Query protocol, answering from scripts.
    #[derive(Clone, Default)]
    struct Fake(Arc<Mutex<State>>);

    impl Fake {
        fn state(&self) -> std::sync::MutexGuard<'_, State> {
            self.0.lock().unwrap_or_else(|e| e.into_inner())
        }

        /// Scripts the answers to `action` for one stack (`stack` = `Some`) or for every
        /// stack; the last one repeats.
        fn script(&self, action: &str, stack: Option<&str>, replies: Vec<Reply>) -> &Self {
            assert!(!replies.is_empty());
            self.state()
                .queues
                .insert(key(action, stack), replies.into());
            self
        }

        /// `DescribeStacks` of `stack` answers these statuses in turn (`-` for "does not
        /// exist"); the last one repeats.
        fn statuses(&self, stack: &str, statuses: &[&str]) -> &Self {
            let replies = statuses
                .iter()
                .map(|s| match *s {
                    "-" => no_stack(stack),
                    status => described(stack, status, None, &[]),
                })
                .collect();
            self.script("DescribeStacks", Some(stack), replies)
        }

        /// When a request of action `on` first arrives, `action` of `stack` starts answering
        /// `replies` instead.
        fn after(&self, on: &str, action: &str, stack: Option<&str>, replies: Vec<Reply>) -> &Self {
            self.state().triggers.push(Trigger {
                on: on.to_owned(),
                key: key(action, stack),
                replies,
                fired: false,
            });
            self
        }

        fn handle(&self, body: &[u8]) -> Reply {
            let params = form(body);
            let call = Call {
                action: params.get("Action").cloned().unwrap_or_default(),
                params,
            };
            let mut state = self.state();
            let State {
                queues,
                triggers,
                calls,
            } = &mut *state;
            calls.push(call.clone());
            for t in triggers.iter_mut() {
                if !t.fired && t.on == call.action {
                    t.fired = true;
                    queues.insert(t.key.clone(), t.replies.clone().into());
                }
            }
            let keys = [key(&call.action, call.stack()), key(&call.action, None)];
            for k in keys {
                if let Some(queue) = queues.get_mut(&k) {
                    let reply = if queue.len() > 1 {
                        queue.pop_front()
                    } else {
                        queue.front().cloned()
                    };
                    if let Some(reply) = reply {
                        return reply;
                    }
                }
            }
            default_reply(&call)
        }

        /// Clients whose every request goes to this fake.
        async fn clients(&self) -> Clients {
            self.connect(Some("http://127.0.0.1:1")).await
        }

        /// Clients as against AWS (no custom endpoint); the fake still answers.
        async fn clients_for_aws(&self) -> Clients {
            self.connect(None).await
        }

        async fn connect(&self, endpoint: Option<&str>) -> Clients {
            let fake = self.clone();
            let http = aws_smithy_http_client::test_util::infallible_client_fn(move |req| {
                let body = req.body().bytes().unwrap_or_default();
                let (status, text) = match fake.handle(body) {
                    Reply::Ok(xml) => (200, xml),
                    Reply::Raw(status, body) => (status, body.to_owned()),
                    Reply::Err {
                        status,
                        code,
                        message,
                    } => (status, error_xml(code, &message)),
                };
                http::Response::builder()
                    .status(status)
                    .header("content-type", "text/xml")
                    .header("x-amzn-requestid", "7f0c2a4e-8d1b-4c39-9a57-1e2f3a4b5c6d")
                    .body(text)
                    .unwrap()
            });
            let mut options = ConnectOptions::default()
                .region("us-east-1")
                .static_credentials("AKID", "SECRET")
                .http_client(http);
            if let Some(endpoint) = endpoint {
                options = options.endpoint_url(endpoint);
            }
            Clients::connect(&options).await
        }

        fn calls(&self) -> Vec<Call> {
            self.state().calls.clone()
        }

        fn actions(&self) -> Vec<String> {
            self.calls().into_iter().map(|c| c.action).collect()
        }

        fn calls_of(&self, action: &str) -> Vec<Call> {
            self.calls()
                .into_iter()
                .filter(|c| c.action == action)
                .collect()
        }

        fn count(&self, action: &str) -> usize {
            self.calls_of(action).len()
        }

        /// The calls that change something (neither a `Describe*`, `Get*` nor `List*`).
        fn mutations(&self) -> Vec<String> {
            self.actions()
                .into_iter()
                .filter(|a| {
                    !(a.starts_with("Describe") || a.starts_with("Get") || a.starts_with("List"))
                })
                .collect()
        }
    }

    fn key(action: &str, stack: Option<&str>) -> String {
        match stack {
            Some(stack) => format!("{action} {stack}"),
            None => action.to_owned(),
        }
    }

    /// Decodes an `application/x-www-form-urlencoded` body.
    fn form(body: &[u8]) -> BTreeMap<String, String> {
        let decode = |s: &str| {
            let bytes = s.as_bytes();
            let mut out = Vec::with_capacity(bytes.len());
            let mut i = 0;
            while i < bytes.len() {
                match bytes[i] {
                    b'+' => out.push(b' '),
                    b'%' if i + 2 < bytes.len() => {
                        let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                        out.push(u8::from_str_radix(hex, 16).unwrap());
                        i += 2;
                    }
                    b => out.push(b),
                }
                i += 1;
            }
            String::from_utf8(out).unwrap()
        };
        String::from_utf8_lossy(body)
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                (decode(k), decode(v))
            })
            .collect()
    }

    // -----------------------------------------------------------------------------------------
    // Responses, shaped as CloudFormation writes them
    // -----------------------------------------------------------------------------------------

    fn esc(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }

    fn stack_id(stack: &str) -> String {
        format!(
            "arn:aws:cloudformation:us-east-1:{ACCOUNT}:stack/{stack}/\
             5b3e7c10-c7a3-11f0-9a1e-0a8b5c1d2e3f"
        )
    }

    fn change_set_arn(name: &str) -> String {
        format!(
            "arn:aws:cloudformation:us-east-1:{ACCOUNT}:changeSet/{name}/\
             0e1d2c3b-4a59-4687-a1b2-c3d4e5f60718"
        )
    }

    fn response(action: &str, result: &str) -> Reply {
        Reply::Ok(format!(
            "<{action}Response xmlns=\"{NS}\"><{action}Result>{result}</{action}Result>\
             <ResponseMetadata><RequestId>7f0c2a4e-8d1b-4c39-9a57-1e2f3a4b5c6d</RequestId>\
             </ResponseMetadata></{action}Response>"
        ))
    }

    fn empty_response(action: &str) -> Reply {
        Reply::Ok(format!(
            "<{action}Response xmlns=\"{NS}\"><ResponseMetadata><RequestId>\
             7f0c2a4e-8d1b-4c39-9a57-1e2f3a4b5c6d</RequestId></ResponseMetadata></{action}Response>"
        ))
    }

    fn error_xml(code: &str, message: &str) -> String {
        format!(
            "<ErrorResponse xmlns=\"{NS}\"><Error><Type>Sender</Type><Code>{code}</Code>\
             <Message>{}</Message></Error><RequestId>7f0c2a4e-8d1b-4c39-9a57-1e2f3a4b5c6d\
             </RequestId></ErrorResponse>",
            esc(message)
        )
    }

    fn validation(message: &str) -> Reply {
        Reply::Err {
            status: 400,
            code: "ValidationError",
            message: message.to_owned(),
        }
    }

    fn no_stack(stack: &str) -> Reply {
        validation(&format!("Stack with id {stack} does not exist"))
    }

    fn throttled() -> Reply {
        Reply::Err {
            status: 400,
            code: "Throttling",
            message: "Rate exceeded".to_owned(),
        }
    }

    /// `DescribeStacks` for one stack.
    fn described(
        stack: &str,
        status: &str,
        reason: Option<&str>,
        outputs: &[(&str, &str)],
    ) -> Reply {
        let reason = reason
            .map(|r| format!("<StackStatusReason>{}</StackStatusReason>", esc(r)))
            .unwrap_or_default();
        let outputs: String = outputs
            .iter()
            .map(|(k, v)| {
                format!("<member><OutputKey>{k}</OutputKey><OutputValue>{v}</OutputValue></member>")
            })
            .collect();
        response(
            "DescribeStacks",
            &format!(
                "<Stacks><member><StackId>{}</StackId><StackName>{stack}</StackName>\
                 <Description>ecs-dsl deploy</Description>\
                 <CreationTime>2026-11-21T10:00:00.000Z</CreationTime>\
                 <StackStatus>{status}</StackStatus>{reason}\
                 <DisableRollback>false</DisableRollback><NotificationARNs/>\
                 <Outputs>{outputs}</Outputs><Tags/>\
                 <DriftInformation><StackDriftStatus>NOT_CHECKED</StackDriftStatus>\
                 </DriftInformation></member></Stacks>",
                stack_id(stack)
            ),
        )
    }

    /// One stack event: (seconds after 10:00:00, logical id, type, status, reason).
    type Ev<'a> = (u32, &'a str, &'a str, &'a str, Option<&'a str>);

    /// `DescribeStackEvents` of `stack`, the events given oldest first (CloudFormation answers
    /// newest first).
    fn events(stack: &str, events: &[Ev<'_>]) -> Reply {
        let members: String = events
            .iter()
            .rev()
            .map(|(at, logical, kind, status, reason)| {
                let time = format!("2026-11-21T10:{:02}:{:02}.000Z", at / 60, at % 60);
                let reason = reason
                    .map(|r| format!("<ResourceStatusReason>{}</ResourceStatusReason>", esc(r)))
                    .unwrap_or_default();
                format!(
                    "<member><StackId>{}</StackId><EventId>{logical}-{status}-{time}</EventId>\
                     <StackName>{stack}</StackName><LogicalResourceId>{logical}</LogicalResourceId>\
                     <PhysicalResourceId>{logical}-physical</PhysicalResourceId>\
                     <ResourceType>{kind}</ResourceType><Timestamp>{time}</Timestamp>\
                     <ResourceStatus>{status}</ResourceStatus>{reason}</member>",
                    stack_id(stack)
                )
            })
            .collect();
        response(
            "DescribeStackEvents",
            &format!("<StackEvents>{members}</StackEvents>"),
        )
    }

    /// `DescribeChangeSet`: a status, its reason, and (action, logical id, type) changes.
    fn change_set(status: &str, reason: Option<&str>, changes: &[(&str, &str, &str)]) -> Reply {
        let execution = if status == "CREATE_COMPLETE" {
            "AVAILABLE"
        } else {
            "UNAVAILABLE"
        };
        let reason = reason
            .map(|r| format!("<StatusReason>{}</StatusReason>", esc(r)))
            .unwrap_or_default();
        let changes: String = changes
            .iter()
            .map(|(action, logical, kind)| {
                format!(
                    "<member><Type>Resource</Type><ResourceChange><Action>{action}</Action>\
                     <LogicalResourceId>{logical}</LogicalResourceId>\
                     <ResourceType>{kind}</ResourceType><Scope/><Details/></ResourceChange>\
                     </member>"
                )
            })
            .collect();
        response(
            "DescribeChangeSet",
            &format!(
                "<ChangeSetName>ecs-dsl-1</ChangeSetName>\
                 <CreationTime>2026-11-21T10:00:00.000Z</CreationTime>\
                 <ExecutionStatus>{execution}</ExecutionStatus><Status>{status}</Status>{reason}\
                 <NotificationARNs/><Capabilities/><Tags/><Changes>{changes}</Changes>\
                 <IncludeNestedStacks>false</IncludeNestedStacks>"
            ),
        )
    }

    fn template(body: &str) -> Reply {
        response(
            "GetTemplate",
            &format!(
                "<TemplateBody>{}</TemplateBody><StagesAvailable><member>Original</member>\
                 <member>Processed</member></StagesAvailable>",
                esc(body)
            ),
        )
    }

    fn imports(stacks: &[&str]) -> Reply {
        let members: String = stacks
            .iter()
            .map(|s| format!("<member>{s}</member>"))
            .collect();
        response("ListImports", &format!("<Imports>{members}</Imports>"))
    }

    /// What the fake answers when a test scripted nothing for the action.
    fn default_reply(call: &Call) -> Reply {
        let stack = call.stack().unwrap_or("unnamed").to_owned();
        match call.action.as_str() {
            "DescribeStacks" => no_stack(&stack),
            "DescribeStackEvents" => events(&stack, &[]),
            // A template other than any the tests deploy: the update path creates a change set.
            "GetTemplate" => template(r#"{"Resources": {}}"#),
            "CreateChangeSet" => response(
                "CreateChangeSet",
                &format!(
                    "<Id>{}</Id><StackId>{}</StackId>",
                    change_set_arn(call.param("ChangeSetName").unwrap_or("cs")),
                    stack_id(&stack)
                ),
            ),
            "DescribeChangeSet" => change_set(
                "CREATE_COMPLETE",
                None,
                &[("Add", "Logs", "AWS::Logs::LogGroup")],
            ),
            "ExecuteChangeSet" | "DeleteChangeSet" | "ContinueUpdateRollback" => {
                response(&call.action, "")
            }
            "DeleteStack" | "CancelUpdateStack" => empty_response(&call.action),
            "ListImports" => validation(&format!(
                "Export '{}' is not imported by any stack.",
                call.param("ExportName").unwrap_or_default()
            )),
            other => Reply::Err {
                status: 400,
                code: "InvalidAction",
                message: format!("the fake does not know {other}"),
            },
        }
    }

    // -----------------------------------------------------------------------------------------
    // Apps, options, running
    // -----------------------------------------------------------------------------------------

    /// One stack `web`: a log group and a cluster.
    fn web_app() -> Manifest {
        let mut app = App::new();
        let web = app.stack("web").unwrap();
        web.add("Logs", ecs_dsl::cfn::logs::LogGroup::new())
            .unwrap();
        web.add("Cluster", ecs_dsl::cfn::ecs::Cluster::new())
            .unwrap();
        Manifest::from_assembly(&app.synthesize().unwrap()).unwrap()
    }

    /// `base` (a log group and a cluster) and `web`, which imports the log group's ARN.
    fn base_and_web() -> Manifest {
        let mut app = App::new();
        let base = app.stack("base").unwrap();
        let logs = base
            .add("Logs", ecs_dsl::cfn::logs::LogGroup::new())
            .unwrap();
        base.add("Cluster", ecs_dsl::cfn::ecs::Cluster::new())
            .unwrap();
        let web = app.stack("web").unwrap();
        web.add("Logs", ecs_dsl::cfn::logs::LogGroup::new())
            .unwrap();
        web.add_output("BaseLogs", Output::new(logs.attr_arn()))
            .unwrap();
        let manifest = Manifest::from_assembly(&app.synthesize().unwrap()).unwrap();
        assert_eq!(manifest.stack("web").unwrap().dependencies, ["base"]);
        assert_eq!(manifest.stack("base").unwrap().exports(), ["base:Logs:Arn"]);
        manifest
    }

    fn options() -> DeployOptions {
        DeployOptions {
            timing: Timing {
                first_poll: Duration::from_secs(1),
                max_poll: Duration::from_secs(5),
                deadline: Duration::from_secs(60),
                unreachable_grace: Duration::from_secs(10),
            },
            ..DeployOptions::default()
        }
    }

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .unwrap()
    }

    fn deploy_with(
        fake: &Fake,
        manifest: &Manifest,
        options: &DeployOptions,
        answer: Answer,
    ) -> (Result<Report, DeployError>, Recorder) {
        let recorder = Recorder::default();
        let result = runtime().block_on(async {
            let deployer = Deployer::new(
                fake.clients().await,
                Arc::new(recorder.clone()),
                Arc::new(answer),
            );
            deployer.deploy(manifest, Selection::All, options).await
        });
        (result, recorder)
    }

    /// Deploys every stack with [`options`] and no one to ask; the report must exist.
    fn deploy(fake: &Fake, manifest: &Manifest) -> (Report, Recorder) {
        let (result, lines) = deploy_with(fake, manifest, &options(), Answer::CannotAsk);
        (result.unwrap(), lines)
    }

    fn destroy(
        fake: &Fake,
        manifest: &Manifest,
        selection: Selection,
    ) -> (Result<Report, DeployError>, Recorder) {
        let recorder = Recorder::default();
        let result = runtime().block_on(async {
            let deployer = Deployer::new(
                fake.clients().await,
                Arc::new(recorder.clone()),
                Arc::new(Answer::Yes),
            );
            deployer.destroy(manifest, selection, &options()).await
        });
        (result, recorder)
    }

    /// Prints what a test saw when `REPLAY_DEBUG` is set (run with `--nocapture`).
    fn dump(fake: &Fake, lines: &Recorder) {
        if std::env::var_os("REPLAY_DEBUG").is_some() {
            eprintln!("--- lines\n{}\n--- calls", lines.text());
            for c in fake.calls() {
                let mut params = c.params.clone();
                params.remove("TemplateBody");
                eprintln!("{params:?}");
            }
        }
    }

    /// The error of one stack of a report.
    fn error_of<'r>(report: &'r Report, stack: &str) -> &'r str {
        let r = &report.stacks[stack];
        assert_eq!(r.outcome, StackOutcome::Failed, "{r:?}");
        r.error.as_deref().unwrap()
    }

    fn template_of(manifest: &Manifest, stack: &str) -> String {
        manifest.template(stack).unwrap()
    }

    /// The change set id the fake handed out for `CreateChangeSet` number `n`.
    fn change_set_id(fake: &Fake, n: usize) -> String {
        let name = fake.calls_of("CreateChangeSet")[n]
            .param("ChangeSetName")
            .unwrap()
            .to_owned();
        assert!(name.starts_with("ecs-dsl-"), "{name}");
        change_set_arn(&name)
    }

    const STACK: &str = "AWS::CloudFormation::Stack";
    const LOG_GROUP: &str = "AWS::Logs::LogGroup";
    const CLUSTER: &str = "AWS::ECS::Cluster";

    // -----------------------------------------------------------------------------------------
    // 1. A failed create: the root cause, not the cascade
    // -----------------------------------------------------------------------------------------

    #[test]
    fn a_failed_create_names_the_root_cause_and_stops_its_dependents() {
        let manifest = base_and_web();
        let fake = Fake::default();
        let already_exists = "Resource handler returned message: \"Resource of type \
             'AWS::Logs::LogGroup' with identifier 'base-Logs' already exists.\" (RequestToken: \
             3f0e6b1c-2d4a-4f6e-9b8c-7a6d5e4f3c2b, HandlerErrorCode: AlreadyExists)";
        let failed_to_create = "The following resource(s) failed to create: [Cluster, Logs]. \
                                Rollback requested by user.";
        let started: Vec<Ev<'_>> = vec![
            (
                0,
                "base",
                STACK,
                "REVIEW_IN_PROGRESS",
                Some("User Initiated"),
            ),
            (
                2,
                "base",
                STACK,
                "CREATE_IN_PROGRESS",
                Some("User Initiated"),
            ),
            (3, "Cluster", CLUSTER, "CREATE_IN_PROGRESS", None),
            (3, "Logs", LOG_GROUP, "CREATE_IN_PROGRESS", None),
        ];
        let mut failing = started.clone();
        failing.extend([
            (4, "Logs", LOG_GROUP, "CREATE_FAILED", Some(already_exists)),
            (
                5,
                "Cluster",
                CLUSTER,
                "CREATE_FAILED",
                Some("Resource creation cancelled"),
            ),
            (
                5,
                "base",
                STACK,
                "ROLLBACK_IN_PROGRESS",
                Some(failed_to_create),
            ),
        ]);
        let mut rolled_back = failing.clone();
        rolled_back.extend([
            (7, "Cluster", CLUSTER, "DELETE_COMPLETE", None),
            (7, "Logs", LOG_GROUP, "DELETE_COMPLETE", None),
            (8, "base", STACK, "ROLLBACK_COMPLETE", None),
        ]);
        fake.script(
            "DescribeStacks",
            Some("base"),
            vec![
                no_stack("base"),
                described("base", "CREATE_IN_PROGRESS", None, &[]),
                described("base", "ROLLBACK_IN_PROGRESS", Some(failed_to_create), &[]),
                described("base", "ROLLBACK_COMPLETE", Some(failed_to_create), &[]),
            ],
        )
        .script(
            "DescribeStackEvents",
            Some("base"),
            vec![
                events("base", &started),
                events("base", &failing),
                events("base", &rolled_back),
            ],
        )
        .script(
            "DescribeChangeSet",
            Some("base"),
            vec![
                change_set("CREATE_PENDING", None, &[]),
                change_set(
                    "CREATE_COMPLETE",
                    None,
                    &[("Add", "Cluster", CLUSTER), ("Add", "Logs", LOG_GROUP)],
                ),
            ],
        );

        let (report, lines) = deploy(&fake, &manifest);
        dump(&fake, &lines);
        let text = lines.text();

        let error = error_of(&report, "base");
        assert_eq!(
            error,
            format!(
                "stack `base` ended in ROLLBACK_COMPLETE; root cause: Logs (AWS::Logs::LogGroup): \
                 {already_exists}"
            )
        );
        assert!(!error.contains("cancelled"), "{error}");
        assert_eq!(report.summary.failed, ["base"]);
        assert_eq!(
            report.summary.not_attempted,
            [NotAttempted {
                stack: "web".into(),
                because: Some("base".into())
            }]
        );
        assert!(!report.is_success());
        assert_eq!(
            report.summary.to_string(),
            "failed: base\nnot attempted: web (base failed)\n"
        );
        assert!(!report.stacks.contains_key("web"));

        // The events were printed once each, in the order they happened, then the error.
        for expected in [
            "base | creating change set ecs-dsl-",
            "base | + Cluster  AWS::ECS::Cluster",
            "base | + Logs  AWS::Logs::LogGroup",
            "base | executing change set ecs-dsl-",
            "base | 2026-11-21T10:00:04Z  Logs  AWS::Logs::LogGroup  CREATE_FAILED  Resource handler returned message",
            "base | 2026-11-21T10:00:05Z  Cluster  AWS::ECS::Cluster  CREATE_FAILED  Resource creation cancelled",
            "base | 2026-11-21T10:00:08Z  base  AWS::CloudFormation::Stack  ROLLBACK_COMPLETE",
            "base | error: stack `base` ended in ROLLBACK_COMPLETE; root cause: Logs (AWS::Logs::LogGroup)",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in\n{text}");
        }
        let failed_lines: Vec<String> = lines
            .lines()
            .into_iter()
            .filter(|l| l.contains("CREATE_FAILED"))
            .collect();
        assert_eq!(failed_lines.len(), 2, "{text}");
        assert!(failed_lines[0].contains("Logs"), "{text}");
        assert!(!lines.contains("web |"), "{text}");

        // One CREATE change set for base, executed once; nothing for web.
        let create = fake.calls_of("CreateChangeSet");
        assert_eq!(create.len(), 1);
        assert_eq!(create[0].param("StackName"), Some("base"));
        assert_eq!(create[0].param("ChangeSetType"), Some("CREATE"));
        assert_eq!(
            create[0].param("TemplateBody"),
            Some(template_of(&manifest, "base").as_str())
        );
        let execute = fake.calls_of("ExecuteChangeSet");
        assert_eq!(execute.len(), 1);
        assert_eq!(
            execute[0].param("ChangeSetName"),
            Some(change_set_id(&fake, 0).as_str())
        );
        assert!(fake.calls().iter().all(|c| c.stack() != Some("web")));
        assert_eq!(fake.mutations(), ["CreateChangeSet", "ExecuteChangeSet"]);
    }

    // -----------------------------------------------------------------------------------------
    // 2. Every state a stack can be found in
    // -----------------------------------------------------------------------------------------

    /// Asserts that the only call was the `DescribeStacks` that found the stack, and returns
    /// the error of `web`.
    fn refused(fake: &Fake, report: &Report) -> String {
        assert_eq!(fake.actions(), ["DescribeStacks"]);
        assert_eq!(report.summary.failed, ["web"]);
        error_of(report, "web").to_owned()
    }

    #[test]
    fn an_absent_stack_is_created_through_a_create_change_set() {
        let manifest = web_app();
        let fake = Fake::default();
        fake.script(
            "DescribeStacks",
            Some("web"),
            vec![
                no_stack("web"),
                described("web", "REVIEW_IN_PROGRESS", None, &[]),
                described("web", "CREATE_IN_PROGRESS", None, &[]),
                described("web", "CREATE_COMPLETE", None, &[("ClusterArn", "arn:x")]),
            ],
        );
        let (report, lines) = deploy(&fake, &manifest);
        dump(&fake, &lines);

        let web = &report.stacks["web"];
        assert_eq!(web.outcome, StackOutcome::Deployed);
        assert_eq!(web.error, None);
        assert_eq!(web.outputs["ClusterArn"], "arn:x");
        assert_eq!(web.changes.len(), 1);
        assert_eq!(report.summary.deployed, ["web"]);
        assert!(report.is_success());
        assert!(lines.contains("web | creating change set ecs-dsl-"));
        assert!(lines.contains("(CREATE)"));
        assert_eq!(lines.lines().last().unwrap(), "web | CREATE_COMPLETE");

        // No template to compare and no events to skip for a stack that does not exist.
        assert_eq!(
            fake.actions()[..5],
            [
                "DescribeStacks",
                "CreateChangeSet",
                "DescribeChangeSet",
                "ExecuteChangeSet",
                "DescribeStackEvents"
            ]
        );
        assert_eq!(fake.mutations(), ["CreateChangeSet", "ExecuteChangeSet"]);
        let create = &fake.calls_of("CreateChangeSet")[0];
        assert_eq!(create.param("ChangeSetType"), Some("CREATE"));
        assert_eq!(create.param("Description"), Some("ecs-dsl deploy"));
        assert_eq!(fake.count("DescribeStacks"), 4);
    }

    #[test]
    fn an_updatable_stack_is_updated_through_an_update_change_set() {
        let manifest = web_app();
        for status in [
            "CREATE_COMPLETE",
            "UPDATE_COMPLETE",
            "UPDATE_ROLLBACK_COMPLETE",
            "IMPORT_COMPLETE",
            "IMPORT_ROLLBACK_COMPLETE",
        ] {
            let fake = Fake::default();
            let before: Vec<Ev<'_>> = vec![
                (
                    0,
                    "web",
                    STACK,
                    "CREATE_IN_PROGRESS",
                    Some("User Initiated"),
                ),
                (1, "Logs", LOG_GROUP, "CREATE_COMPLETE", None),
                (2, "web", STACK, status, None),
            ];
            let mut after = before.clone();
            after.extend([
                (
                    60,
                    "web",
                    STACK,
                    "UPDATE_IN_PROGRESS",
                    Some("User Initiated"),
                ),
                (61, "Logs", LOG_GROUP, "UPDATE_IN_PROGRESS", None),
                (62, "Logs", LOG_GROUP, "UPDATE_COMPLETE", None),
                (
                    63,
                    "web",
                    STACK,
                    "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS",
                    None,
                ),
                (64, "web", STACK, "UPDATE_COMPLETE", None),
            ]);
            fake.statuses(
                "web",
                &[
                    status,
                    "UPDATE_IN_PROGRESS",
                    "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS",
                    "UPDATE_COMPLETE",
                ],
            )
            .script(
                "DescribeStackEvents",
                Some("web"),
                vec![events("web", &before), events("web", &after)],
            )
            .script(
                "DescribeChangeSet",
                Some("web"),
                vec![change_set(
                    "CREATE_COMPLETE",
                    None,
                    &[("Modify", "Logs", LOG_GROUP)],
                )],
            );
            let (report, lines) = deploy(&fake, &manifest);
            dump(&fake, &lines);
            let text = lines.text();

            let web = &report.stacks["web"];
            assert_eq!(web.outcome, StackOutcome::Deployed, "{status}: {text}");
            assert_eq!(web.changes.len(), 1, "{status}");
            assert!(lines.contains("(UPDATE)"), "{status}: {text}");
            assert!(
                lines.contains("web | ~ Logs  AWS::Logs::LogGroup"),
                "{text}"
            );
            assert!(
                lines.contains("Logs  AWS::Logs::LogGroup  UPDATE_COMPLETE"),
                "{text}"
            );
            // The events of earlier operations are not printed again.
            assert!(!lines.contains("CREATE_COMPLETE"), "{status}: {text}");
            assert_eq!(lines.lines().last().unwrap(), "web | UPDATE_COMPLETE");

            assert_eq!(
                fake.actions()[..4],
                [
                    "DescribeStacks",
                    "GetTemplate",
                    "DescribeStackEvents",
                    "CreateChangeSet"
                ],
                "{status}"
            );
            assert_eq!(fake.mutations(), ["CreateChangeSet", "ExecuteChangeSet"]);
            let create = &fake.calls_of("CreateChangeSet")[0];
            assert_eq!(create.param("ChangeSetType"), Some("UPDATE"));
            assert_eq!(
                create.param("TemplateBody"),
                Some(template_of(&manifest, "web").as_str())
            );
            assert_eq!(
                fake.calls_of("ExecuteChangeSet")[0].param("ChangeSetName"),
                Some(change_set_id(&fake, 0).as_str())
            );
        }
    }

    #[test]
    fn a_stack_deployed_with_the_same_template_gets_no_change_set() {
        let manifest = web_app();
        let fake = Fake::default();
        fake.statuses("web", &["UPDATE_COMPLETE"]).script(
            "GetTemplate",
            Some("web"),
            vec![template(&template_of(&manifest, "web"))],
        );
        let (report, lines) = deploy(&fake, &manifest);
        dump(&fake, &lines);

        assert_eq!(report.stacks["web"].outcome, StackOutcome::Unchanged);
        assert_eq!(report.summary.unchanged, ["web"]);
        assert!(report.is_success());
        assert_eq!(
            lines.lines(),
            ["web | no changes (template, parameters and tags as deployed)"]
        );
        assert_eq!(fake.actions(), ["DescribeStacks", "GetTemplate"]);
        assert_eq!(
            fake.calls_of("GetTemplate")[0].param("TemplateStage"),
            Some("Original")
        );
    }

    #[test]
    fn an_empty_change_set_is_deleted_and_the_stack_is_unchanged() {
        let manifest = web_app();
        let fake = Fake::default();
        fake.statuses("web", &["UPDATE_COMPLETE"]).script(
            "DescribeChangeSet",
            Some("web"),
            vec![
                change_set("CREATE_IN_PROGRESS", None, &[]),
                change_set(
                    "FAILED",
                    Some(
                        "The submitted information didn't contain changes. Submit different \
                         information to create a change set.",
                    ),
                    &[],
                ),
            ],
        );
        let (report, lines) = deploy(&fake, &manifest);
        dump(&fake, &lines);

        let web = &report.stacks["web"];
        assert_eq!(web.outcome, StackOutcome::Unchanged);
        assert_eq!(web.error, None);
        assert!(web.changes.is_empty());
        assert_eq!(report.summary.unchanged, ["web"]);
        assert!(lines.contains("web | no changes; deleting the empty change set"));
        assert_eq!(fake.mutations(), ["CreateChangeSet", "DeleteChangeSet"]);
        let delete = &fake.calls_of("DeleteChangeSet")[0];
        assert_eq!(delete.param("StackName"), Some("web"));
        assert_eq!(
            delete.param("ChangeSetName"),
            Some(change_set_id(&fake, 0).as_str())
        );
        assert_eq!(fake.count("DescribeChangeSet"), 2);
    }

    #[test]
    fn a_busy_stack_is_waited_for_then_updated() {
        let manifest = web_app();
        let fake = Fake::default();
        fake.statuses(
            "web",
            &[
                "UPDATE_IN_PROGRESS",
                "UPDATE_IN_PROGRESS",
                "UPDATE_COMPLETE",
                "UPDATE_IN_PROGRESS",
                "UPDATE_COMPLETE",
            ],
        );
        let (report, lines) = deploy(&fake, &manifest);
        dump(&fake, &lines);

        assert_eq!(report.stacks["web"].outcome, StackOutcome::Deployed);
        assert_eq!(
            lines.lines()[0],
            "web | busy with an update started elsewhere; waiting for it to end"
        );
        // The change set was made only once the other update had ended.
        let actions = fake.actions();
        let create = actions.iter().position(|a| a == "CreateChangeSet").unwrap();
        let describes_before = actions[..create]
            .iter()
            .filter(|a| *a == "DescribeStacks")
            .count();
        assert_eq!(describes_before, 3, "{actions:?}");
        assert_eq!(fake.mutations(), ["CreateChangeSet", "ExecuteChangeSet"]);
        assert_eq!(
            fake.calls_of("CreateChangeSet")[0].param("ChangeSetType"),
            Some("UPDATE")
        );
    }

    #[test]
    fn a_failed_create_is_not_deleted_without_recreate_failed() {
        let manifest = web_app();
        for status in ["ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "CREATE_FAILED"] {
            for answer in [Answer::CannotAsk, Answer::No] {
                let fake = Fake::default();
                fake.statuses("web", &[status]);
                let (result, lines) = deploy_with(&fake, &manifest, &options(), answer);
                let report = result.unwrap();
                let error = refused(&fake, &report);
                assert!(
                    error.starts_with(&format!("stack `web` is {status}: ")),
                    "{error}"
                );
                assert!(error.contains("--recreate-failed"), "{error}");
                assert!(error.contains("failed to create"), "{error}");
                assert_eq!(lines.lines(), [format!("web | error: {error}")]);
            }
        }
    }

    #[test]
    fn recreate_failed_deletes_the_stack_waits_by_id_and_creates_it_again() {
        let manifest = web_app();
        let fake = Fake::default();
        fake.statuses(
            "web",
            &[
                "ROLLBACK_COMPLETE",
                "DELETE_IN_PROGRESS",
                "DELETE_COMPLETE",
                "CREATE_IN_PROGRESS",
                "CREATE_COMPLETE",
            ],
        );
        let options = DeployOptions {
            recreate_failed: true,
            ..options()
        };
        let (result, lines) = deploy_with(&fake, &manifest, &options, Answer::CannotAsk);
        dump(&fake, &lines);
        let report = result.unwrap();

        assert_eq!(report.stacks["web"].outcome, StackOutcome::Deployed);
        assert_eq!(
            lines.lines()[0],
            "web | ROLLBACK_COMPLETE: deleting the stack to create it again (--recreate-failed)"
        );
        assert_eq!(
            fake.mutations(),
            ["DeleteStack", "CreateChangeSet", "ExecuteChangeSet"]
        );
        assert_eq!(
            fake.calls_of("DeleteStack")[0].param("StackName"),
            Some("web")
        );
        // The delete is followed by stack id (a deleted stack is only found by id), the new
        // stack by name.
        let by: Vec<String> = fake
            .calls_of("DescribeStacks")
            .iter()
            .map(|c| c.param("StackName").unwrap().to_owned())
            .collect();
        let id = stack_id("web");
        assert_eq!(by, ["web", id.as_str(), id.as_str(), "web", "web"]);
        assert_eq!(
            fake.calls_of("CreateChangeSet")[0].param("ChangeSetType"),
            Some("CREATE")
        );
    }

    #[test]
    fn an_update_failed_stack_is_updated_again_even_with_the_same_template() {
        let manifest = web_app();
        let fake = Fake::default();
        // With rollback disabled the stack keeps the template of the failed update: the same
        // template must still be deployed again (CloudFormation retries the update).
        fake.statuses(
            "web",
            &["UPDATE_FAILED", "UPDATE_IN_PROGRESS", "UPDATE_COMPLETE"],
        )
        .script(
            "GetTemplate",
            Some("web"),
            vec![template(&template_of(&manifest, "web"))],
        );
        let (report, lines) = deploy(&fake, &manifest);
        dump(&fake, &lines);

        assert_eq!(
            report.stacks["web"].outcome,
            StackOutcome::Deployed,
            "{}",
            lines.text()
        );
        assert!(!lines.contains("no changes"), "{}", lines.text());
        assert_eq!(fake.mutations(), ["CreateChangeSet", "ExecuteChangeSet"]);
        assert_eq!(
            fake.calls_of("CreateChangeSet")[0].param("ChangeSetType"),
            Some("UPDATE")
        );
        assert_eq!(lines.lines().last().unwrap(), "web | UPDATE_COMPLETE");
    }

    #[test]
    fn update_rollback_failed_is_not_continued_without_asking() {
        let manifest = web_app();
        let fake = Fake::default();
        fake.statuses("web", &["UPDATE_ROLLBACK_FAILED"]);
        let (report, lines) = deploy(&fake, &manifest);
        dump(&fake, &lines);
        let error = refused(&fake, &report);
        assert!(
            error.starts_with("stack `web` is UPDATE_ROLLBACK_FAILED: "),
            "{error}"
        );
        assert!(
            error.contains("aws cloudformation continue-update-rollback --stack-name web"),
            "{error}"
        );
        assert_eq!(fake.count("ContinueUpdateRollback"), 0);
    }

    #[test]
    fn update_rollback_failed_is_continued_when_the_user_says_yes() {
        let manifest = web_app();
        let fake = Fake::default();
        fake.statuses(
            "web",
            &[
                "UPDATE_ROLLBACK_FAILED",
                "UPDATE_ROLLBACK_IN_PROGRESS",
                "UPDATE_ROLLBACK_COMPLETE",
                "UPDATE_IN_PROGRESS",
                "UPDATE_COMPLETE",
            ],
        );
        let (result, lines) = deploy_with(&fake, &manifest, &options(), Answer::Yes);
        dump(&fake, &lines);
        let report = result.unwrap();

        assert_eq!(report.stacks["web"].outcome, StackOutcome::Deployed);
        assert_eq!(
            lines.lines()[0],
            "web | UPDATE_ROLLBACK_FAILED: continuing the rollback"
        );
        assert_eq!(
            fake.mutations(),
            [
                "ContinueUpdateRollback",
                "CreateChangeSet",
                "ExecuteChangeSet"
            ]
        );
        assert_eq!(
            fake.calls_of("ContinueUpdateRollback")[0].param("StackName"),
            Some("web")
        );
        assert_eq!(
            fake.calls_of("CreateChangeSet")[0].param("ChangeSetType"),
            Some("UPDATE")
        );
        // The update started only once the rollback had completed.
        let actions = fake.actions();
        let create = actions.iter().position(|a| a == "CreateChangeSet").unwrap();
        assert_eq!(
            actions[..create]
                .iter()
                .filter(|a| *a == "DescribeStacks")
                .count(),
            3
        );
    }

    #[test]
    fn states_the_deploy_cannot_change_are_refused_with_advice() {
        let manifest = web_app();
        for (status, advice) in [
            ("DELETE_FAILED", "--retain-resources"),
            ("IMPORT_ROLLBACK_FAILED", "IMPORT_ROLLBACK_FAILED"),
            ("UPDATE_PAUSED_FOR_REVIEW", "UPDATE_PAUSED_FOR_REVIEW"),
        ] {
            for answer in [Answer::CannotAsk, Answer::Yes] {
                let fake = Fake::default();
                fake.statuses("web", &[status]);
                let (result, lines) = deploy_with(&fake, &manifest, &options(), answer);
                dump(&fake, &lines);
                let report = result.unwrap();
                let error = refused(&fake, &report);
                assert!(
                    error.starts_with(&format!("stack `web` is {status}: ")),
                    "{error}"
                );
                assert!(error.contains(advice), "{status}: {error}");
                assert!(!report.is_success());
            }
        }
    }

    #[test]
    fn a_stack_in_review_gets_a_new_create_change_set() {
        let manifest = web_app();
        let fake = Fake::default();
        fake.statuses(
            "web",
            &[
                "REVIEW_IN_PROGRESS",
                "REVIEW_IN_PROGRESS",
                "CREATE_IN_PROGRESS",
                "CREATE_COMPLETE",
            ],
        );
        let (report, lines) = deploy(&fake, &manifest);
        dump(&fake, &lines);

        assert_eq!(report.stacks["web"].outcome, StackOutcome::Deployed);
        // No template to compare (the stack has none yet); the old events are skipped.
        assert_eq!(
            fake.actions()[..3],
            ["DescribeStacks", "DescribeStackEvents", "CreateChangeSet"]
        );
        assert_eq!(fake.mutations(), ["CreateChangeSet", "ExecuteChangeSet"]);
        assert_eq!(
            fake.calls_of("CreateChangeSet")[0].param("ChangeSetType"),
            Some("CREATE")
        );
        assert_eq!(lines.lines().last().unwrap(), "web | CREATE_COMPLETE");
    }

    // -----------------------------------------------------------------------------------------
    // 3. The deadline
    // -----------------------------------------------------------------------------------------

    #[test]
    fn an_update_past_the_deadline_is_cancelled_once_and_rolls_back() {
        let manifest = web_app();
        let fake = Fake::default();
        let before: Vec<Ev<'_>> = vec![(0, "web", STACK, "CREATE_COMPLETE", None)];
        let mut running = before.clone();
        running.extend([
            (
                600,
                "web",
                STACK,
                "UPDATE_IN_PROGRESS",
                Some("User Initiated"),
            ),
            (601, "Logs", LOG_GROUP, "UPDATE_IN_PROGRESS", None),
            (602, "Cluster", CLUSTER, "UPDATE_IN_PROGRESS", None),
            (603, "Logs", LOG_GROUP, "UPDATE_COMPLETE", None),
        ]);
        let mut cancelled = running.clone();
        cancelled.extend([
            (
                700,
                "web",
                STACK,
                "UPDATE_ROLLBACK_IN_PROGRESS",
                Some("Stack UPDATE cancelled"),
            ),
            (
                701,
                "Cluster",
                CLUSTER,
                "UPDATE_FAILED",
                Some("Resource update cancelled"),
            ),
            (702, "Logs", LOG_GROUP, "UPDATE_IN_PROGRESS", None),
            (703, "Logs", LOG_GROUP, "UPDATE_COMPLETE", None),
            (704, "Cluster", CLUSTER, "UPDATE_COMPLETE", None),
            (705, "web", STACK, "UPDATE_ROLLBACK_COMPLETE", None),
        ]);
        fake.statuses("web", &["UPDATE_COMPLETE", "UPDATE_IN_PROGRESS"])
            .script(
                "DescribeStackEvents",
                Some("web"),
                vec![events("web", &before), events("web", &running)],
            )
            .script(
                "DescribeChangeSet",
                Some("web"),
                vec![change_set(
                    "CREATE_COMPLETE",
                    None,
                    &[
                        ("Modify", "Logs", LOG_GROUP),
                        ("Modify", "Cluster", CLUSTER),
                    ],
                )],
            )
            .after(
                "CancelUpdateStack",
                "DescribeStacks",
                Some("web"),
                vec![
                    described("web", "UPDATE_ROLLBACK_IN_PROGRESS", None, &[]),
                    described("web", "UPDATE_ROLLBACK_IN_PROGRESS", None, &[]),
                    described("web", "UPDATE_ROLLBACK_COMPLETE", None, &[]),
                ],
            )
            .after(
                "CancelUpdateStack",
                "DescribeStackEvents",
                Some("web"),
                vec![events("web", &cancelled)],
            );
        let (report, lines) = deploy(&fake, &manifest);
        dump(&fake, &lines);

        assert_eq!(
            error_of(&report, "web"),
            "stack `web`: the deadline of 1m00s passed during an update; cancelled the update; \
             the stack rolled back to UPDATE_ROLLBACK_COMPLETE; still in progress then: \
             Cluster (AWS::ECS::Cluster)"
        );
        assert_eq!(report.summary.failed, ["web"]);
        assert_eq!(
            fake.mutations(),
            ["CreateChangeSet", "ExecuteChangeSet", "CancelUpdateStack"]
        );
        assert_eq!(
            fake.calls_of("CancelUpdateStack")[0].param("StackName"),
            Some("web")
        );
        // Polls with backoff up to the deadline (1 s growing to 5 s over 60 s), then until the
        // rollback ends.
        let actions = fake.actions();
        let cancel = actions
            .iter()
            .position(|a| a == "CancelUpdateStack")
            .unwrap();
        let polls = |calls: &[String]| calls.iter().filter(|a| *a == "DescribeStacks").count();
        let before_cancel = polls(&actions[..cancel]) - 1;
        assert!((12..=20).contains(&before_cancel), "{before_cancel} polls");
        assert_eq!(polls(&actions[cancel..]), 3);

        let text = lines.text();
        for expected in [
            "web | deadline of 1m00s passed: cancelling the update (CancelUpdateStack)",
            "Cluster  AWS::ECS::Cluster  UPDATE_FAILED  Resource update cancelled",
            "web  AWS::CloudFormation::Stack  UPDATE_ROLLBACK_COMPLETE",
            "web | error: stack `web`: the deadline of 1m00s passed during an update",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in\n{text}");
        }
        let cancel_line = lines
            .lines()
            .iter()
            .position(|l| l.contains("cancelling the update"))
            .unwrap();
        let rollback_line = lines
            .lines()
            .iter()
            .position(|l| l.contains("UPDATE_ROLLBACK_IN_PROGRESS"))
            .unwrap();
        assert!(cancel_line < rollback_line, "{text}");
    }

    #[test]
    fn a_stack_busy_past_the_deadline_is_left_alone() {
        let manifest = web_app();
        let fake = Fake::default();
        fake.statuses("web", &["UPDATE_IN_PROGRESS"]).script(
            "DescribeStackEvents",
            Some("web"),
            vec![events(
                "web",
                &[
                    (
                        0,
                        "web",
                        STACK,
                        "UPDATE_IN_PROGRESS",
                        Some("User Initiated"),
                    ),
                    (1, "Cluster", CLUSTER, "UPDATE_IN_PROGRESS", None),
                ],
            )],
        );
        let (report, lines) = deploy(&fake, &manifest);
        dump(&fake, &lines);

        assert_eq!(
            error_of(&report, "web"),
            "stack `web`: the deadline of 1m00s passed during an update; stopped waiting while \
             the stack was UPDATE_IN_PROGRESS; the deploy changed nothing; still in progress \
             then: Cluster (AWS::ECS::Cluster)"
        );
        assert!(fake.mutations().is_empty(), "{:?}", fake.mutations());
        assert!(lines.contains("busy with an update started elsewhere"));
    }

    #[test]
    fn a_delete_for_recreate_past_the_deadline_says_the_delete_goes_on() {
        let manifest = web_app();
        let fake = Fake::default();
        fake.statuses("web", &["ROLLBACK_COMPLETE", "DELETE_IN_PROGRESS"]);
        let options = DeployOptions {
            recreate_failed: true,
            ..options()
        };
        let (result, lines) = deploy_with(&fake, &manifest, &options, Answer::CannotAsk);
        dump(&fake, &lines);
        let report = result.unwrap();

        let error = error_of(&report, "web");
        assert_eq!(
            error,
            "stack `web`: the deadline of 1m00s passed during a delete; stopped waiting while \
             the stack was DELETE_IN_PROGRESS; a delete, started by this deploy, goes on in \
             CloudFormation; still in progress then: no resource"
        );
        assert!(!error.contains("changed nothing"), "{error}");
        assert_eq!(fake.mutations(), ["DeleteStack"]);
    }

    // -----------------------------------------------------------------------------------------
    // 4. Throttling
    // -----------------------------------------------------------------------------------------

    const THROTTLED: &str = "stack `web`: cloudformation is throttling the requests even after \
                             retries: Rate exceeded; try again later or lower --concurrency";

    #[test]
    fn throttling_that_never_stops_fails_with_advice() {
        let manifest = web_app();
        let fake = Fake::default();
        fake.script("DescribeStacks", None, vec![throttled()]);
        let (report, lines) = deploy(&fake, &manifest);
        dump(&fake, &lines);

        assert_eq!(error_of(&report, "web"), THROTTLED);
        // The SDK retried before giving up (standard mode: 3 attempts); nothing was changed.
        assert_eq!(fake.count("DescribeStacks"), 3);
        assert_eq!(fake.actions(), ["DescribeStacks"; 3]);
        assert_eq!(lines.lines(), [format!("web | error: {THROTTLED}")]);
    }

    #[test]
    fn throttling_while_following_is_retried_for_the_grace_period() {
        let manifest = web_app();
        let fake = Fake::default();
        fake.statuses("web", &["-"]).after(
            "ExecuteChangeSet",
            "DescribeStacks",
            Some("web"),
            vec![throttled()],
        );
        let (report, lines) = deploy(&fake, &manifest);
        dump(&fake, &lines);

        assert_eq!(error_of(&report, "web"), THROTTLED);
        let retries = lines
            .lines()
            .iter()
            .filter(|l| l.starts_with("web | retrying: cloudformation is throttling"))
            .count();
        assert!(retries >= 2, "{}", lines.text());
        assert_eq!(fake.mutations(), ["CreateChangeSet", "ExecuteChangeSet"]);
    }

    #[test]
    fn throttling_that_stops_is_retried_and_the_deploy_succeeds() {
        let manifest = web_app();
        let fake = Fake::default();
        fake.statuses("web", &["-"]).after(
            "ExecuteChangeSet",
            "DescribeStacks",
            Some("web"),
            vec![
                throttled(),
                throttled(),
                throttled(),
                throttled(),
                described("web", "CREATE_IN_PROGRESS", None, &[]),
                described("web", "CREATE_COMPLETE", None, &[]),
            ],
        );
        let (report, lines) = deploy(&fake, &manifest);
        dump(&fake, &lines);

        assert_eq!(report.stacks["web"].outcome, StackOutcome::Deployed);
        assert!(report.is_success());
        // Three throttled attempts make one failed poll, retried by the deploy; the SDK's
        // own retry absorbs the fourth.
        let retries: Vec<String> = lines
            .lines()
            .into_iter()
            .filter(|l| l.contains("retrying"))
            .collect();
        assert_eq!(
            retries,
            [format!(
                "web | retrying: {}",
                THROTTLED.strip_prefix("stack `web`: ").unwrap()
            )]
        );
        assert_eq!(fake.count("DescribeStacks"), 1 + 4 + 2);
        assert_eq!(lines.lines().last().unwrap(), "web | CREATE_COMPLETE");
    }

    // -----------------------------------------------------------------------------------------
    // 5. Approval
    // -----------------------------------------------------------------------------------------

    #[test]
    fn changes_not_approved_are_discarded_and_never_executed() {
        let manifest = web_app();
        let any_change = DeployOptions {
            require_approval: RequireApproval::AnyChange,
            ..options()
        };

        // A new stack: the change set and the empty stack it made are deleted.
        let fake = Fake::default();
        let (result, lines) = deploy_with(&fake, &manifest, &any_change, Answer::CannotAsk);
        dump(&fake, &lines);
        let report = result.unwrap();
        assert_eq!(
            error_of(&report, "web"),
            "stack `web`: the changes need approval (--require-approval any-change) and were \
             not approved (no terminal to ask on: rerun with --require-approval never to accept \
             them); nothing was executed"
        );
        assert_eq!(
            fake.mutations(),
            ["CreateChangeSet", "DeleteChangeSet", "DeleteStack"]
        );
        assert_eq!(
            fake.calls_of("DeleteChangeSet")[0].param("ChangeSetName"),
            Some(change_set_id(&fake, 0).as_str())
        );
        assert_eq!(
            fake.calls_of("DeleteStack")[0].param("StackName"),
            Some("web")
        );
        assert!(lines.contains("web | + Logs  AWS::Logs::LogGroup"));
        assert!(lines.contains("web | deleted the empty stack the change set had created"));
        assert!(!lines.contains("executing"));

        // An existing stack, and a user who says no: only the change set is deleted.
        let fake = Fake::default();
        fake.statuses("web", &["UPDATE_COMPLETE"]);
        let (result, lines) = deploy_with(&fake, &manifest, &any_change, Answer::No);
        dump(&fake, &lines);
        let report = result.unwrap();
        assert_eq!(
            error_of(&report, "web"),
            "stack `web`: the changes need approval (--require-approval any-change) and were \
             not approved; nothing was executed"
        );
        assert_eq!(fake.mutations(), ["CreateChangeSet", "DeleteChangeSet"]);
        assert!(!lines.contains("deleted the empty stack"));

        // The default policy does not ask about a log group.
        let fake = Fake::default();
        fake.statuses("web", &["-", "CREATE_COMPLETE"]);
        let (report, _) = deploy(&fake, &manifest);
        assert_eq!(report.stacks["web"].outcome, StackOutcome::Deployed);
        assert_eq!(fake.mutations(), ["CreateChangeSet", "ExecuteChangeSet"]);
    }

    // -----------------------------------------------------------------------------------------
    // 6. Destroy
    // -----------------------------------------------------------------------------------------

    #[test]
    fn destroy_refuses_while_a_stack_outside_the_selection_imports_an_export() {
        let manifest = base_and_web();

        // A stack outside the app still imports base's export.
        let fake = Fake::default();
        fake.script(
            "ListImports",
            None,
            vec![imports(&["web", "legacy-billing"])],
        );
        let (result, lines) = destroy(&fake, &manifest, Selection::All);
        let error = result.unwrap_err();
        assert!(matches!(error, DeployError::Plan(_)), "{error:?}");
        assert_eq!(
            error.to_string(),
            "cannot destroy: stack `base` exports `base:Logs:Arn`, which stack `legacy-billing` \
             still imports; destroy the importing stacks first, or include them in this destroy"
        );
        assert_eq!(fake.actions(), ["ListImports"]);
        assert_eq!(
            fake.calls_of("ListImports")[0].param("ExportName"),
            Some("base:Logs:Arn")
        );
        assert!(lines.lines().is_empty());

        // A stack of the app left out of the selection.
        let fake = Fake::default();
        fake.script("ListImports", None, vec![imports(&["web"])]);
        let (result, _) = destroy(&fake, &manifest, Selection::exclusively(["base"]));
        let error = result.unwrap_err().to_string();
        assert!(error.contains("which stack `web` still imports"), "{error}");
        assert_eq!(fake.actions(), ["ListImports"]);
    }

    /// ListImports failing with an unclassified error (moto answers HTTP 500) falls back to
    /// the app's own deployed stacks only on a custom endpoint; against AWS it stops the
    /// destroy before anything is deleted, so an importer outside the app is never missed.
    #[test]
    fn a_failed_list_imports_stops_the_destroy_against_aws() {
        let manifest = base_and_web();
        let fake = Fake::default();
        fake.script(
            "ListImports",
            None,
            vec![Reply::Raw(
                500,
                "<html><body>Internal Server Error</body></html>",
            )],
        );
        let result = runtime().block_on(async {
            let deployer = Deployer::new(
                fake.clients_for_aws().await,
                Arc::new(Recorder::default()),
                Arc::new(Answer::Yes),
            );
            deployer
                .destroy(&manifest, Selection::All, &options())
                .await
        });
        let error = result.unwrap_err();
        assert!(matches!(error, DeployError::Aws { .. }), "{error:?}");
        assert!(
            fake.actions().iter().all(|a| a == "ListImports"),
            "{:?}",
            fake.actions()
        );

        // The same answer from a custom endpoint: the app's deployed stacks are checked
        // instead (`web`, deployed, imports base's export, and is destroyed with it).
        let fake = Fake::default();
        fake.script(
            "ListImports",
            None,
            vec![Reply::Raw(
                500,
                "<html><body>Internal Server Error</body></html>",
            )],
        );
        let (_, lines) = destroy(&fake, &manifest, Selection::All);
        assert!(
            lines.contains("checking the imports of this app's deployed stacks"),
            "{}",
            lines.text()
        );
    }

    #[test]
    fn destroy_deletes_dependents_first_and_waits_by_stack_id() {
        let manifest = base_and_web();
        let fake = Fake::default();
        fake.script("ListImports", None, vec![imports(&["web"])])
            .statuses(
                "web",
                &["UPDATE_COMPLETE", "DELETE_IN_PROGRESS", "DELETE_COMPLETE"],
            )
            .statuses(
                "base",
                &["CREATE_COMPLETE", "DELETE_IN_PROGRESS", "DELETE_COMPLETE"],
            );
        let (result, lines) = destroy(&fake, &manifest, Selection::All);
        dump(&fake, &lines);
        let report = result.unwrap();

        assert!(report.is_success());
        assert_eq!(report.summary.deleted, ["base", "web"]);
        assert_eq!(report.stacks["web"].outcome, StackOutcome::Deleted);
        assert_eq!(report.stacks["base"].outcome, StackOutcome::Deleted);
        assert_eq!(
            lines.lines(),
            [
                "web | deleting",
                "web | DELETE_COMPLETE",
                "base | deleting",
                "base | DELETE_COMPLETE"
            ]
        );
        let deletes: Vec<String> = fake
            .calls_of("DeleteStack")
            .iter()
            .map(|c| c.param("StackName").unwrap().to_owned())
            .collect();
        assert_eq!(deletes, ["web", "base"]);
        // base is looked at only once web is gone.
        let calls = fake.calls();
        let last_web = calls
            .iter()
            .rposition(|c| c.stack() == Some("web"))
            .unwrap();
        let first_base = calls
            .iter()
            .position(|c| c.stack() == Some("base"))
            .unwrap();
        assert!(last_web < first_base);
        assert_eq!(
            calls[last_web].param("StackName"),
            Some(stack_id("web").as_str())
        );
        let web_describes: Vec<&str> = calls
            .iter()
            .filter(|c| c.action == "DescribeStacks" && c.stack() == Some("web"))
            .map(|c| c.param("StackName").unwrap())
            .collect();
        let id = stack_id("web");
        assert_eq!(web_describes, ["web", id.as_str(), id.as_str()]);
    }

    // -----------------------------------------------------------------------------------------
    // Failures of the change set itself, and broken answers
    // -----------------------------------------------------------------------------------------

    #[test]
    fn a_failed_change_set_is_discarded_with_its_reason() {
        let manifest = web_app();
        let fake = Fake::default();
        let reason = "Template format error: Unresolved resource dependencies [Vpc] in the \
                      Resources block of the template";
        fake.script(
            "DescribeChangeSet",
            Some("web"),
            vec![change_set("FAILED", Some(reason), &[])],
        );
        let (report, lines) = deploy(&fake, &manifest);
        dump(&fake, &lines);

        assert_eq!(
            error_of(&report, "web"),
            format!("stack `web`: the change set failed: {reason}")
        );
        // A new stack: the change set and the REVIEW_IN_PROGRESS stack it made are removed.
        assert_eq!(
            fake.mutations(),
            ["CreateChangeSet", "DeleteChangeSet", "DeleteStack"]
        );
    }

    #[test]
    fn broken_answers_fail_the_stack_without_panicking() {
        let manifest = web_app();
        for (broken, expected) in [
            (
                Reply::Raw(200, "<html>not xml"),
                "cloudformation call failed",
            ),
            (
                Reply::Raw(500, "<html><body>Internal Server Error</body></html>"),
                "cloudformation call failed",
            ),
            (
                response(
                    "DescribeStacks",
                    "<Stacks><member><StackName>web</StackName></member></Stacks>",
                ),
                // The SDK fills a missing status in with a placeholder; still not a panic.
                "which this version of ecs-dsl does not know",
            ),
            (
                Reply::Err {
                    status: 403,
                    code: "AccessDenied",
                    message: "User: arn:aws:iam::123456789012:user/ci is not authorized to \
                              perform: cloudformation:DescribeStacks"
                        .to_owned(),
                },
                "access denied by cloudformation: User: arn:aws:iam::123456789012:user/ci",
            ),
        ] {
            let fake = Fake::default();
            fake.script("DescribeStacks", Some("web"), vec![broken.clone()]);
            let (report, lines) = deploy(&fake, &manifest);
            dump(&fake, &lines);
            let error = error_of(&report, "web");
            assert!(error.contains(expected), "{broken:?}: {error}");
            assert!(fake.mutations().is_empty(), "{broken:?}");
        }
    }
}

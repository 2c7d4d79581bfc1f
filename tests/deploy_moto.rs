//! The deploy module against a real moto server on 127.0.0.1 (feature `deploy`; scripts/test
//! enables it and installs moto). Without the feature this file says so and runs nothing.

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
mod with_moto {
    use ecs_dsl::deploy::client::{AwsError, Clients, ConnectOptions, block_on};
    use ecs_dsl_examples::MotoServer;

    fn options(endpoint: &str) -> ConnectOptions {
        ConnectOptions::default()
            .endpoint_url(endpoint)
            .region("us-east-1")
            .static_credentials("AKIDTEST", "SECRETTEST")
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
}

// Rule T20: an application protocol belongs to a named port (Service Connect reads both).
use ecs_dsl::ecs::*;

fn main() {
    let port = PortMapping::<AwsVpc>::tcp(8080).app_protocol(AppProtocol::Http);
    let _ = port;
}

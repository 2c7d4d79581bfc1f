//! The build script's output: the templates are in `OUT_DIR` and equal a fresh synthesis of
//! the same infrastructure code.

#![allow(clippy::unwrap_used)]

#[path = "../infra/app.rs"]
mod infra;

#[test]
fn out_dir_holds_the_synthesized_templates() {
    let dir = std::path::Path::new(env!("OUT_DIR")).join("cfn");
    let written = std::fs::read_to_string(dir.join("buildrs-web.template.json")).unwrap();
    let fresh = infra::build().unwrap().synthesize().unwrap();
    assert_eq!(written, fresh.stack("buildrs-web").unwrap().template);
    assert!(dir.join("manifest.json").is_file());
    let t = ecs_dsl::assertions::Template::from_stack(fresh.stack("buildrs-web").unwrap());
    t.resource_count_is("AWS::ECS::Service", 1);
    t.has_resource_properties("AWS::ECS::Service", serde_json::json!({"DesiredCount": 2}));
}

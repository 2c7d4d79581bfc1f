// Rule T22: an image reference is at most 255 characters.
fn main() {
    let _ = ecs_dsl::image!(
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/team/app:v1"
    );
}

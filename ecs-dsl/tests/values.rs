//! Values whose type carries a typestate can be cloned and compared like any other value: the
//! marker types derive what the values derive, so a derive on a generic value is usable.

use ecs_dsl::ecs::{AwsVpc, EfsVolume, Ip, PortMapping, TargetGroupRef, Volume};

#[test]
fn volumes_clone_and_compare() {
    let scratch = Volume::scratch("cache");
    assert_eq!(scratch.clone(), scratch);
    assert_ne!(scratch, Volume::scratch("other"));

    let efs = EfsVolume::new("fs-0123").transit_encryption();
    assert_eq!(efs.clone(), efs);
    assert_ne!(efs, EfsVolume::new("fs-4567").transit_encryption());
}

#[test]
fn ports_and_target_groups_clone_and_compare() {
    let web: PortMapping<AwsVpc, _> = PortMapping::tcp(80).name("web");
    assert_eq!(web.clone(), web);
    assert_ne!(web, PortMapping::tcp(8080).name("web"));

    let tg = TargetGroupRef::<Ip>::from_arn("arn:aws:elasticloadbalancing:us-east-1:1:tg/a/1");
    assert_eq!(tg.clone(), tg);
    assert_ne!(
        tg,
        TargetGroupRef::<Ip>::from_arn("arn:aws:elasticloadbalancing:us-east-1:1:tg/b/2")
    );
}

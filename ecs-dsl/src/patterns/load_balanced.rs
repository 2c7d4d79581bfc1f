//! [`LoadBalancedFargateService`]: a Fargate service behind an Application Load Balancer.

use crate::ec2::Vpc;
use crate::ecs::service_state::WithLoadBalancer;
use crate::ecs::{AwsVpc, ClusterRef, ContainerPort, Fargate, Image, Ip, SizeFor};
use crate::elb::{
    AlbProps, ApplicationLoadBalancer, HealthCheck, Listener, TargetGroup, TargetProtocol,
};
use crate::error::Result;
use crate::template::{Output, Stack, Value, intrinsic};

// The methods the patterns share are written once, by `builder_methods!` and
// `accessor_methods!` of `common`, each under the doc comment this file gives it.
use super::common::{
    ServiceParts, ServiceSettings, Site, TargetSettings, TaskParts, accessor_methods,
    builder_methods,
};

/// A Fargate service behind an Application Load Balancer, made by
/// [`LoadBalancedFargateService::builder`].
///
/// With id `Web` it adds: the load balancer `WebLb` (internet-facing unless
/// [`load_balancer`](LoadBalancedFargateServiceBuilder::load_balancer) says otherwise) with its
/// security group `WebLbSg`; the target group `WebTargets` (IP targets, HTTP, health check of
/// `/`); the listener `WebHttp` on port 80, or with
/// [`https`](LoadBalancedFargateServiceBuilder::https) the listener `WebHttps` on 443 and
/// `WebHttp` redirecting to it; the task definition `WebTask` with its log group `WebTaskLogs`
/// (one month) and execution role; the tasks' security group `WebTasksSg`, open to the load
/// balancer on the container port only; the service `WebService` (two tasks in the private
/// subnets without a public IP, circuit breaker with rollback, minimum healthy 100 %, 60 s
/// health check grace period); with
/// [`auto_scale`](LoadBalancedFargateServiceBuilder::auto_scale) the scalable target
/// `WebServiceScalableTarget` and the policy `WebCpuScaling`; and the output `WebUrl`.
///
/// An internal load balancer accepts no client until you allow one through
/// [`load_balancer()`](Self::load_balancer)`.security_group()`.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::assertions::Template;
/// use ecs_dsl::ec2::{Vpc, VpcProps};
/// use ecs_dsl::ecs::{Cluster, ResourceLabel, TargetTracking};
/// use ecs_dsl::patterns::LoadBalancedFargateService;
/// use serde_json::json;
/// let mut app = App::new();
/// let stack = app.stack("web")?;
/// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
/// let cluster = Cluster::builder(&stack, "Cluster").build()?;
/// let web = LoadBalancedFargateService::builder(
///     &stack,
///     "Web",
///     &vpc,
///     &cluster,
///     ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"),
///     ecs_dsl::fargate!(cpu = 256, memory = 512),
/// )
/// .https("arn:aws:acm:eu-west-1:123456789012:certificate/abc")
/// .auto_scale(2, 8, 60.0)
/// .build()?;
/// // The parts are L2 constructs: scale on requests too.
/// let label = ResourceLabel::new(web.load_balancer().full_name(), web.target_group().full_name());
/// if let Some(scaling) = web.scaling() {
///     scaling.scale_on_request_count("WebRequests", TargetTracking::new(500.0), label)?;
/// }
/// let t = Template::from_app(&app, "web")?;
/// t.resource_count_is("AWS::ElasticLoadBalancingV2::Listener", 2);
/// t.resource_count_is("AWS::ApplicationAutoScaling::ScalingPolicy", 2);
/// t.has_output("WebUrl", json!({"Value": {"Fn::Join": ["", ["https://", {"Fn::GetAtt": ["WebLb", "DNSName"]}]]}}));
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct LoadBalancedFargateService {
    service_parts: ServiceParts,
    load_balancer: ApplicationLoadBalancer,
    listener: Listener,
    redirect: Option<Listener>,
    target_group: TargetGroup<Ip>,
    port: ContainerPort<AwsVpc>,
    url: Value<String>,
}

/// Builds a [`LoadBalancedFargateService`]; see its defaults there. `S` is the task size
/// (a [`fargate!`](crate::fargate) size); `'a` borrows the VPC and the closures.
///
/// ```
/// use ecs_dsl::prelude::*;
/// use ecs_dsl::ec2::{Vpc, VpcProps};
/// use ecs_dsl::ecs::{Cluster, Fargate, SizeFor};
/// use ecs_dsl::patterns::{LoadBalancedFargateService, LoadBalancedFargateServiceBuilder};
/// // House defaults, shared by every site of the team.
/// fn house<S: SizeFor<Fargate>>(b: LoadBalancedFargateServiceBuilder<'_, S>) -> LoadBalancedFargateServiceBuilder<'_, S> {
///     b.container_port(8080).desired_count(3)
/// }
/// let mut app = App::new();
/// let stack = app.stack("web")?;
/// let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
/// let cluster = Cluster::builder(&stack, "Cluster").build()?;
/// let web = house(LoadBalancedFargateService::builder(&stack, "Web", &vpc, &cluster,
///     ecs_dsl::image!("example/web:1"), ecs_dsl::fargate!(cpu = 256, memory = 512)))
///     .build()?;
/// assert_eq!(web.container_port().container_port(), 8080);
/// let t = app.synthesize()?.stacks[0].template_json();
/// assert_eq!(t["Resources"]["WebService"]["Properties"]["DesiredCount"], 3);
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
pub struct LoadBalancedFargateServiceBuilder<'a, S> {
    site: Site<'a>,
    parts: TaskParts<'a, S>,
    service: ServiceSettings<'a, WithLoadBalancer>,
    targets: TargetSettings<'a>,
    certificate: Option<Value<String>>,
    props: AlbProps,
}

impl<S> std::fmt::Debug for LoadBalancedFargateServiceBuilder<'_, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.site
            .debug_struct(f, "LoadBalancedFargateServiceBuilder")
            .field("parts", &self.parts)
            .field("service", &self.service)
            .field("targets", &self.targets)
            .field("https", &self.certificate.is_some())
            .finish_non_exhaustive()
    }
}

impl LoadBalancedFargateService {
    /// Starts the pattern `id` in `stack`: tasks of `size` running `image` in `cluster`, in
    /// the private subnets of `vpc`, behind a load balancer in its public subnets.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ec2::{Vpc, VpcProps};
    /// # use ecs_dsl::ecs::Cluster;
    /// use ecs_dsl::patterns::LoadBalancedFargateService;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// let web = LoadBalancedFargateService::builder(
    ///     &stack,
    ///     "Web",
    ///     &vpc,
    ///     &cluster,
    ///     ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"),
    ///     ecs_dsl::fargate!(cpu = 256, memory = 512),
    /// )
    /// .build()?;
    /// assert_eq!(web.service().handle().logical_id(), "WebService");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn builder<'a, S: SizeFor<Fargate>>(
        stack: &Stack,
        id: &str,
        vpc: &'a Vpc,
        cluster: impl Into<ClusterRef>,
        image: Image,
        size: S,
    ) -> LoadBalancedFargateServiceBuilder<'a, S> {
        LoadBalancedFargateServiceBuilder {
            site: Site::new(stack, id, vpc),
            parts: TaskParts::new(image, size, "web"),
            service: ServiceSettings::new(cluster, 2),
            targets: TargetSettings::new(80, HealthCheck::http("/")),
            certificate: None,
            props: AlbProps::internet_facing(),
        }
    }

    accessor_methods! {
        /// The service.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::LoadBalancedFargateService;
        /// # let mut app = App::new();
        /// # let stack = app.stack("web")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// # let web = LoadBalancedFargateService::builder(&stack, "Web", &vpc, &cluster,
        /// #     ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        /// #     .build()?;
        /// stack.add_output("ServiceName", Output::new(web.service().name()))?;
        /// assert_eq!(web.service().handle().logical_id(), "WebService");
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn service;

        /// The task definition the service runs.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::LoadBalancedFargateService;
        /// use ecs_dsl::iam::PolicyStatement;
        /// # let mut app = App::new();
        /// # let stack = app.stack("web")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// # let web = LoadBalancedFargateService::builder(&stack, "Web", &vpc, &cluster,
        /// #     ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        /// #     .build()?;
        /// web.task_definition().grant(
        ///     PolicyStatement::allow().action("s3:GetObject").resource("arn:aws:s3:::site-assets/*"),
        /// )?;
        /// assert_eq!(web.task_definition().logical_id(), "WebTask");
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn task_definition;
    }

    /// The Application Load Balancer.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ec2::{Vpc, VpcProps};
    /// # use ecs_dsl::ecs::Cluster;
    /// # use ecs_dsl::patterns::LoadBalancedFargateService;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let web = LoadBalancedFargateService::builder(&stack, "Web", &vpc, &cluster,
    /// #     ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"), ecs_dsl::fargate!(cpu = 256, memory = 512))
    /// #     .build()?;
    /// assert_eq!(web.load_balancer().security_group().name(), "WebLbSg");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn load_balancer(&self) -> &ApplicationLoadBalancer {
        &self.load_balancer
    }

    /// The listener that forwards to the tasks: HTTPS on 443 with
    /// [`https`](LoadBalancedFargateServiceBuilder::https), else HTTP on 80. Add path or host
    /// rules to it.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ec2::{Vpc, VpcProps};
    /// # use ecs_dsl::ecs::Cluster;
    /// # use ecs_dsl::patterns::LoadBalancedFargateService;
    /// use ecs_dsl::elb::RuleCondition;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let web = LoadBalancedFargateService::builder(&stack, "Web", &vpc, &cluster,
    /// #     ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"), ecs_dsl::fargate!(cpu = 256, memory = 512))
    /// #     .build()?;
    /// assert_eq!(web.listener().handle().logical_id(), "WebHttp");
    /// web.listener().add_rule("Api", 10, &[RuleCondition::path("/api/*")], web.target_group())?;
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn listener(&self) -> &Listener {
        &self.listener
    }

    /// With [`https`](LoadBalancedFargateServiceBuilder::https): the HTTP listener on port 80
    /// that redirects to HTTPS.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ec2::{Vpc, VpcProps};
    /// # use ecs_dsl::ecs::Cluster;
    /// # use ecs_dsl::patterns::LoadBalancedFargateService;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// let web = LoadBalancedFargateService::builder(&stack, "Web", &vpc, &cluster,
    ///         ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"), ecs_dsl::fargate!(cpu = 256, memory = 512))
    ///     .https("arn:aws:acm:eu-west-1:123456789012:certificate/abc")
    ///     .build()?;
    /// assert_eq!(web.redirect_listener().map(|l| l.handle().logical_id()), Some("WebHttp"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn redirect_listener(&self) -> Option<&Listener> {
        self.redirect.as_ref()
    }

    accessor_methods! {
        /// The target group of the tasks.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::LoadBalancedFargateService;
        /// # let mut app = App::new();
        /// # let stack = app.stack("web")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// # let web = LoadBalancedFargateService::builder(&stack, "Web", &vpc, &cluster,
        /// #     ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        /// #     .build()?;
        /// stack.add_output("TargetGroup", Output::new(web.target_group().full_name()))?;
        /// assert_eq!(web.target_group().handle().logical_id(), "WebTargets");
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn target_group;

        /// The tasks' security group (open to the load balancer on the container port).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::LoadBalancedFargateService;
        /// use ecs_dsl::ec2::{Port, SecurityGroup};
        /// # let mut app = App::new();
        /// # let stack = app.stack("web")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// # let web = LoadBalancedFargateService::builder(&stack, "Web", &vpc, &cluster,
        /// #     ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        /// #     .build()?;
        /// let db = SecurityGroup::new(&stack, "DbSg", &vpc, "Database")?;
        /// db.allow_from(web.tasks_security_group(), Port::tcp(5432), "Postgres from the web tasks")?;
        /// assert_eq!(web.tasks_security_group().name(), "WebTasksSg");
        /// let t = app.synthesize()?.stacks[0].template_json();
        /// assert_eq!(t["Resources"]["DbSgFromWebTasksSgTcp5432"]["Properties"]["FromPort"], 5432);
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn tasks_security_group;

        /// The container port the target group registers (for Cloud Map SRV records, say).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::LoadBalancedFargateService;
        /// # let mut app = App::new();
        /// # let stack = app.stack("web")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// # let web = LoadBalancedFargateService::builder(&stack, "Web", &vpc, &cluster,
        /// #     ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        /// #     .build()?;
        /// assert_eq!((web.container_port().container_name(), web.container_port().container_port()), ("web", 80));
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn container_port;

        /// With [`auto_scale`](LoadBalancedFargateServiceBuilder::auto_scale): the scalable target,
        /// to add policies and schedules.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::LoadBalancedFargateService;
        /// use ecs_dsl::ecs::{Schedule, ScheduledCapacity};
        /// # let mut app = App::new();
        /// # let stack = app.stack("web")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// let web = LoadBalancedFargateService::builder(&stack, "Web", &vpc, &cluster,
        ///         ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .auto_scale(2, 10, 50.0)
        ///     .build()?;
        /// let scaling = web.scaling().expect("auto_scale was called");
        /// assert_eq!((scaling.min_capacity(), scaling.max_capacity()), (2, 10));
        /// scaling.scale_on_schedule(
        ///     "WebWeekdays",
        ///     Schedule::cron("0 7 ? * MON-FRI *"),
        ///     ScheduledCapacity::new().min_capacity(4),
        /// )?;
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn scaling;

        /// With [`auto_scale`](LoadBalancedFargateServiceBuilder::auto_scale): the CPU target
        /// tracking policy (`<id>CpuScaling`).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::LoadBalancedFargateService;
        /// # let mut app = App::new();
        /// # let stack = app.stack("web")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// let web = LoadBalancedFargateService::builder(&stack, "Web", &vpc, &cluster,
        ///         ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .auto_scale(2, 10, 50.0)
        ///     .build()?;
        /// assert_eq!(web.cpu_scaling_policy().map(|p| p.logical_id()), Some("WebCpuScaling"));
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn cpu_scaling_policy;

        /// The log group of the container (unless the `container` closure chose another log
        /// driver or group).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::LoadBalancedFargateService;
        /// use ecs_dsl::logs::Retention;
        /// # let mut app = App::new();
        /// # let stack = app.stack("web")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// # let web = LoadBalancedFargateService::builder(&stack, "Web", &vpc, &cluster,
        /// #     ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        /// #     .build()?;
        /// assert_eq!(web.log_group().map(|g| g.retention()), Some(Retention::OneMonth));
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn log_group;
    }

    /// The site's URL: `https://` or `http://` and the load balancer's DNS name (also the
    /// output `<id>Url`).
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ec2::{Vpc, VpcProps};
    /// # use ecs_dsl::ecs::Cluster;
    /// # use ecs_dsl::patterns::LoadBalancedFargateService;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// # let web = LoadBalancedFargateService::builder(&stack, "Web", &vpc, &cluster,
    /// #     ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"), ecs_dsl::fargate!(cpu = 256, memory = 512))
    /// #     .build()?;
    /// let site = web.url(); // e.g. an environment variable of another service
    /// stack.add_output("Site", Output::new(site))?;
    /// let t = app.synthesize()?.stacks[0].template_json();
    /// assert_eq!(t["Outputs"]["Site"]["Value"], t["Outputs"]["WebUrl"]["Value"]);
    /// assert_eq!(t["Outputs"]["WebUrl"]["Value"]["Fn::Join"][1][0], "http://");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn url(&self) -> Value<String> {
        self.url.clone()
    }
}

impl<'a, S: SizeFor<Fargate>> LoadBalancedFargateServiceBuilder<'a, S> {
    builder_methods! {
        /// The port the container listens on, which the load balancer forwards to (default 80).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::LoadBalancedFargateService;
        /// use ecs_dsl::assertions::Template;
        /// # let mut app = App::new();
        /// # let stack = app.stack("web")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// LoadBalancedFargateService::builder(&stack, "Web", &vpc, &cluster,
        ///         ecs_dsl::image!("example/api:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .container_port(8080)
        ///     .build()?;
        /// let t = Template::from_app(&app, "web")?;
        /// t.has_resource_properties("AWS::ElasticLoadBalancingV2::TargetGroup", serde_json::json!({"Port": 8080}));
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn container_port;

        /// The container's name (default `web`; rule S15).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::LoadBalancedFargateService;
        /// # let mut app = App::new();
        /// # let stack = app.stack("web")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// let api = LoadBalancedFargateService::builder(&stack, "Api", &vpc, &cluster,
        ///         ecs_dsl::image!("example/api:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .container_name("api")
        ///     .build()?;
        /// assert!(api.task_definition().container("api").is_some());
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn container_name;

        /// How many tasks run without auto scaling (default 2, one per zone of a two-zone VPC).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::LoadBalancedFargateService;
        /// use ecs_dsl::assertions::Template;
        /// # let mut app = App::new();
        /// # let stack = app.stack("web")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// LoadBalancedFargateService::builder(&stack, "Web", &vpc, &cluster,
        ///         ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .desired_count(3)
        ///     .build()?;
        /// let t = Template::from_app(&app, "web")?;
        /// t.has_resource_properties("AWS::ECS::Service", serde_json::json!({"DesiredCount": 3}));
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn desired_count;
    }

    /// Serves HTTPS on 443 with this ACM certificate (a literal ARN or a parameter's value;
    /// TLS 1.2+ policy) and redirects HTTP on 80 to it, instead of plain HTTP on 80.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ec2::{Vpc, VpcProps};
    /// # use ecs_dsl::ecs::Cluster;
    /// # use ecs_dsl::patterns::LoadBalancedFargateService;
    /// use ecs_dsl::assertions::Template;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// let certificate = stack.add_parameter("CertificateArn", Parameter::string())?;
    /// LoadBalancedFargateService::builder(&stack, "Web", &vpc, &cluster,
    ///         ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"), ecs_dsl::fargate!(cpu = 256, memory = 512))
    ///     .https(certificate.value())
    ///     .build()?;
    /// let t = Template::from_app(&app, "web")?;
    /// t.has_resource_properties("AWS::ElasticLoadBalancingV2::Listener", serde_json::json!({"Port": 443, "Protocol": "HTTPS"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn https(mut self, certificate_arn: impl Into<Value<String>>) -> Self {
        self.certificate = Some(certificate_arn.into());
        self
    }

    /// The load balancer's settings (default [`AlbProps::internet_facing`]): internal, a name,
    /// access logs.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ec2::{Vpc, VpcProps};
    /// # use ecs_dsl::ecs::Cluster;
    /// # use ecs_dsl::patterns::LoadBalancedFargateService;
    /// use ecs_dsl::assertions::Template;
    /// use ecs_dsl::elb::AlbProps;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// LoadBalancedFargateService::builder(&stack, "Api", &vpc, &cluster,
    ///         ecs_dsl::image!("example/api:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
    ///     .load_balancer(AlbProps::internal().access_logs("my-log-bucket", "api"))
    ///     .build()?;
    /// let t = Template::from_app(&app, "web")?;
    /// t.has_resource_properties("AWS::ElasticLoadBalancingV2::LoadBalancer", serde_json::json!({"Scheme": "internal"}));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn load_balancer(mut self, props: AlbProps) -> Self {
        self.props = props;
        self
    }

    builder_methods! {
        /// The target group's health check (default: HTTP `GET /`, success code 200).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::LoadBalancedFargateService;
        /// use ecs_dsl::assertions::Template;
        /// use ecs_dsl::elb::HealthCheck;
        /// # let mut app = App::new();
        /// # let stack = app.stack("web")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// LoadBalancedFargateService::builder(&stack, "Web", &vpc, &cluster,
        ///         ecs_dsl::image!("example/api:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .health_check(HealthCheck::http("/healthz").interval_secs(10))
        ///     .build()?;
        /// let t = Template::from_app(&app, "web")?;
        /// t.has_resource_properties("AWS::ElasticLoadBalancingV2::TargetGroup", serde_json::json!({"HealthCheckPath": "/healthz"}));
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn health_check;

        /// Scales the task count between `min` and `max`, tracking `cpu_percent` average CPU
        /// (1-100). The service then has no `DesiredCount` (rule S16).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::LoadBalancedFargateService;
        /// use ecs_dsl::assertions::Template;
        /// # let mut app = App::new();
        /// # let stack = app.stack("web")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// LoadBalancedFargateService::builder(&stack, "Web", &vpc, &cluster,
        ///         ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .auto_scale(2, 10, 60.0)
        ///     .build()?;
        /// let t = Template::from_app(&app, "web")?;
        /// t.has_resource_properties("AWS::ApplicationAutoScaling::ScalableTarget", serde_json::json!({"MinCapacity": 2, "MaxCapacity": 10}));
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn auto_scale;

        /// How long the log group keeps the container's logs (default one month).
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::LoadBalancedFargateService;
        /// use ecs_dsl::logs::Retention;
        /// # let mut app = App::new();
        /// # let stack = app.stack("web")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// let web = LoadBalancedFargateService::builder(&stack, "Web", &vpc, &cluster,
        ///         ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .log_retention(Retention::OneYear)
        ///     .build()?;
        /// assert_eq!(web.log_group().map(|g| g.retention()), Some(Retention::OneYear));
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn log_retention;

        /// Customizes the container before it is added: environment, secrets, command, health
        /// check, limits... It already publishes the container port and logs through awslogs.
        /// Calls add up, in order.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::LoadBalancedFargateService;
        /// use ecs_dsl::ecs::{HealthCheck, SecretSource};
        /// # let mut app = App::new();
        /// # let stack = app.stack("web")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// let api_key = stack.add_parameter("ApiKeySecretArn", Parameter::string())?;
        /// LoadBalancedFargateService::builder(&stack, "Web", &vpc, &cluster,
        ///         ecs_dsl::image!("example/api:1"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .container(|c| {
        ///         c.env("STAGE", "prod")
        ///             .secret("API_KEY", SecretSource::secrets_manager_arn(api_key.value()))
        ///             .health_check(HealthCheck::shell("curl -f http://localhost/ || exit 1"))
        ///     })
        ///     .build()?;
        /// let t = app.synthesize()?.stacks[0].template_json();
        /// let c = &t["Resources"]["WebTask"]["Properties"]["ContainerDefinitions"][0];
        /// assert_eq!(c["Environment"][0], serde_json::json!({"Name": "STAGE", "Value": "prod"}));
        /// assert_eq!(c["Secrets"][0]["Name"], "API_KEY");
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn container;

        /// Customizes the task definition builder before the container is added: family, roles,
        /// volumes, CPU architecture, ephemeral storage, tags.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::LoadBalancedFargateService;
        /// use ecs_dsl::ecs::CpuArchitecture;
        /// # let mut app = App::new();
        /// # let stack = app.stack("web")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// LoadBalancedFargateService::builder(&stack, "Web", &vpc, &cluster,
        ///         ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .task_definition(|t| t.family("web").cpu_architecture(CpuArchitecture::Arm64))
        ///     .build()?;
        /// let t = app.synthesize()?.stacks[0].template_json();
        /// let p = &t["Resources"]["WebTask"]["Properties"];
        /// assert_eq!((&p["Family"], &p["RuntimePlatform"]["CpuArchitecture"]), (&"web".into(), &"ARM64".into()));
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn task_definition;

        /// Customizes the target group builder after the health check is set: deregistration
        /// delay, stickiness, slow start, name.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::LoadBalancedFargateService;
        /// use ecs_dsl::assertions::{Match, Template};
        /// # let mut app = App::new();
        /// # let stack = app.stack("web")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// LoadBalancedFargateService::builder(&stack, "Web", &vpc, &cluster,
        ///         ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .target_group(|tg| tg.deregistration_delay_secs(30))
        ///     .build()?;
        /// let t = Template::from_app(&app, "web")?;
        /// t.has_resource_properties(
        ///     "AWS::ElasticLoadBalancingV2::TargetGroup",
        ///     Match::object([("TargetGroupAttributes", Match::array_containing([serde_json::json!(
        ///         {"Key": "deregistration_delay.timeout_seconds", "Value": "30"}
        ///     )]))]),
        /// );
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn target_group;

        /// Customizes the service builder after the pattern's settings (which it may override):
        /// a name, tags, ECS Exec, deployment percentages, the grace period.
        ///
        /// ```
        /// # use ecs_dsl::prelude::*;
        /// # use ecs_dsl::ec2::{Vpc, VpcProps};
        /// # use ecs_dsl::ecs::Cluster;
        /// # use ecs_dsl::patterns::LoadBalancedFargateService;
        /// use ecs_dsl::assertions::Template;
        /// # let mut app = App::new();
        /// # let stack = app.stack("web")?;
        /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
        /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
        /// LoadBalancedFargateService::builder(&stack, "Web", &vpc, &cluster,
        ///         ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"), ecs_dsl::fargate!(cpu = 256, memory = 512))
        ///     .service(|s| s.enable_execute_command().health_check_grace_period_secs(120))
        ///     .build()?;
        /// let t = Template::from_app(&app, "web")?;
        /// t.has_resource_properties("AWS::ECS::Service", serde_json::json!({"EnableExecuteCommand": true, "HealthCheckGracePeriodSeconds": 120}));
        /// # Ok::<(), ecs_dsl::Error>(())
        /// ```
        fn service<WithLoadBalancer>;
    }

    /// Checks the settings and adds everything to the stack. Errors name the stack, the
    /// logical id and the field: a container port of 0, `min` above `max` or a CPU target
    /// outside 1-100 in [`auto_scale`](Self::auto_scale) (checked before anything is added),
    /// and every check of the L2 builders.
    ///
    /// ```
    /// # use ecs_dsl::prelude::*;
    /// # use ecs_dsl::ec2::{Vpc, VpcProps};
    /// # use ecs_dsl::ecs::Cluster;
    /// # use ecs_dsl::patterns::LoadBalancedFargateService;
    /// # let mut app = App::new();
    /// # let stack = app.stack("web")?;
    /// # let vpc = Vpc::create(&stack, "Vpc", VpcProps::default().nat_gateways(1))?;
    /// # let cluster = Cluster::builder(&stack, "Cluster").build()?;
    /// let err = LoadBalancedFargateService::builder(&stack, "Web", &vpc, &cluster,
    ///         ecs_dsl::image!("public.ecr.aws/nginx/nginx:1.27"), ecs_dsl::fargate!(cpu = 256, memory = 512))
    ///     .auto_scale(4, 2, 60.0)
    ///     .build()
    ///     .unwrap_err();
    /// assert!(err.to_string().contains("MinCapacity"));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn build(self) -> Result<LoadBalancedFargateService> {
        let site = &self.site;
        self.targets.check(site)?;
        self.service.check(site)?;

        let load_balancer = ApplicationLoadBalancer::new(
            &site.stack,
            &site.logical_id("Lb"),
            site.vpc,
            self.props,
        )?;
        let container_port = self.targets.port;
        let target_group = self.targets.build(site, TargetProtocol::Http)?;
        let (listener, redirect, scheme) = match self.certificate {
            Some(certificate) => (
                load_balancer.https_listener(
                    &site.logical_id("Https"),
                    443,
                    certificate,
                    &target_group,
                )?,
                Some(load_balancer.redirect_http_to_https(&site.logical_id("Http"))?),
                "https://",
            ),
            None => (
                load_balancer.http_listener(&site.logical_id("Http"), 80, &target_group)?,
                None,
                "http://",
            ),
        };
        let (service_parts, port) = self.service.build_behind(
            site,
            self.parts,
            &target_group,
            container_port,
            |service, tasks, port| listener.serves(service, tasks, port),
        )?;
        let url = intrinsic::join("", [Value::from(scheme), load_balancer.dns_name()]);
        site.stack.add_output(
            &site.logical_id("Url"),
            Output::new(url.clone()).description(format!("The URL of {}", site.id)),
        )?;
        Ok(LoadBalancedFargateService {
            service_parts,
            load_balancer,
            listener,
            redirect,
            target_group,
            port,
            url,
        })
    }
}

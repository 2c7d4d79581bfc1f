//! Template parameters, typed by what their `Ref` resolves to.

use std::marker::PhantomData;

use super::json::{Json, Target};
use super::value::{List, Shape, Value};

/// The AWS-specific parameter types CloudFormation validates against the account
/// ([AWS page](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#aws-specific-parameter-types)).
///
/// ```
/// use ecs_dsl::prelude::*;
/// # use ecs_dsl::template::AwsType;
/// let mut app = App::new();
/// let stack = app.stack("demo")?;
/// stack.add_parameter("Param", Parameter::aws(AwsType::SecurityGroupId))?;
/// let t = app.synthesize()?.stack("demo").unwrap().template_json();
/// let p = &t["Parameters"]["Param"];
/// assert_eq!(p["Type"], "AWS::EC2::SecurityGroup::Id");
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AwsType {
    /// `AWS::EC2::AvailabilityZone::Name`
    AvailabilityZoneName,
    /// `AWS::EC2::Image::Id`
    ImageId,
    /// `AWS::EC2::Instance::Id`
    InstanceId,
    /// `AWS::EC2::KeyPair::KeyName`
    KeyPairName,
    /// `AWS::EC2::SecurityGroup::GroupName`
    SecurityGroupName,
    /// `AWS::EC2::SecurityGroup::Id`
    SecurityGroupId,
    /// `AWS::EC2::Subnet::Id`
    SubnetId,
    /// `AWS::EC2::Volume::Id`
    VolumeId,
    /// `AWS::EC2::VPC::Id`
    VpcId,
    /// `AWS::Route53::HostedZone::Id`
    HostedZoneId,
}

impl AwsType {
    /// The CloudFormation spelling.
    ///
    /// ```
    /// use ecs_dsl::template::AwsType;
    /// assert_eq!(AwsType::VpcId.as_str(), "AWS::EC2::VPC::Id");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            AwsType::AvailabilityZoneName => "AWS::EC2::AvailabilityZone::Name",
            AwsType::ImageId => "AWS::EC2::Image::Id",
            AwsType::InstanceId => "AWS::EC2::Instance::Id",
            AwsType::KeyPairName => "AWS::EC2::KeyPair::KeyName",
            AwsType::SecurityGroupName => "AWS::EC2::SecurityGroup::GroupName",
            AwsType::SecurityGroupId => "AWS::EC2::SecurityGroup::Id",
            AwsType::SubnetId => "AWS::EC2::Subnet::Id",
            AwsType::VolumeId => "AWS::EC2::Volume::Id",
            AwsType::VpcId => "AWS::EC2::VPC::Id",
            AwsType::HostedZoneId => "AWS::Route53::HostedZone::Id",
        }
    }
}

/// The type of a parameter as CloudFormation spells it.
///
/// ```
/// use ecs_dsl::template::{AwsType, ParameterType};
/// assert_eq!(ParameterType::AwsList(AwsType::SubnetId).spelling(), "List<AWS::EC2::Subnet::Id>");
/// assert_eq!(ParameterType::NumberList.spelling(), "List<Number>");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParameterType {
    /// `String`
    String,
    /// `Number`
    Number,
    /// `List<Number>`
    NumberList,
    /// `CommaDelimitedList`
    CommaDelimitedList,
    /// An AWS-specific type, e.g. `AWS::EC2::VPC::Id`.
    Aws(AwsType),
    /// `List<...>` of an AWS-specific type, e.g. `List<AWS::EC2::Subnet::Id>`.
    AwsList(AwsType),
    /// `AWS::SSM::Parameter::Name`
    SsmParameterName,
    /// `AWS::SSM::Parameter::Value<...>` of the inner type: the parameter's value is the name
    /// of an SSM parameter whose value CloudFormation reads.
    SsmValue(Box<ParameterType>),
}

impl ParameterType {
    /// The CloudFormation spelling, e.g. `List<AWS::EC2::Subnet::Id>`.
    ///
    /// ```
    /// use ecs_dsl::template::{AwsType, ParameterType};
    /// let t = ParameterType::SsmValue(Box::new(ParameterType::AwsList(AwsType::SubnetId)));
    /// assert_eq!(t.spelling(), "AWS::SSM::Parameter::Value<List<AWS::EC2::Subnet::Id>>");
    /// ```
    pub fn spelling(&self) -> String {
        match self {
            ParameterType::String => "String".to_owned(),
            ParameterType::Number => "Number".to_owned(),
            ParameterType::NumberList => "List<Number>".to_owned(),
            ParameterType::CommaDelimitedList => "CommaDelimitedList".to_owned(),
            ParameterType::Aws(t) => t.as_str().to_owned(),
            ParameterType::AwsList(t) => format!("List<{}>", t.as_str()),
            ParameterType::SsmParameterName => "AWS::SSM::Parameter::Name".to_owned(),
            ParameterType::SsmValue(inner) => {
                let inner = match &**inner {
                    // SSM spells the plain list type `List<String>`.
                    ParameterType::CommaDelimitedList => "List<String>".to_owned(),
                    other => other.spelling(),
                };
                format!("AWS::SSM::Parameter::Value<{inner}>")
            }
        }
    }
}

/// Everything a parameter declares, independent of its Rust type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParameterSpec {
    pub(crate) ty: ParameterType,
    pub(crate) description: Option<String>,
    pub(crate) default: Option<Json>,
    pub(crate) allowed_values: Vec<Json>,
    pub(crate) allowed_pattern: Option<String>,
    pub(crate) constraint_description: Option<String>,
    pub(crate) min_length: Option<u32>,
    pub(crate) max_length: Option<u32>,
    pub(crate) min_value: Option<f64>,
    pub(crate) max_value: Option<f64>,
    pub(crate) no_echo: bool,
}

impl ParameterSpec {
    pub(crate) fn type_name(&self) -> String {
        self.ty.spelling()
    }

    pub(crate) fn to_json(&self) -> Json {
        let mut o = Json::object([("Type", Json::Str(self.ty.spelling()))]);
        if let Some(d) = &self.description {
            o.insert("Description", Json::from(d.as_str()));
        }
        if let Some(d) = &self.default {
            o.insert("Default", d.clone());
        }
        if !self.allowed_values.is_empty() {
            o.insert("AllowedValues", Json::Array(self.allowed_values.clone()));
        }
        if let Some(p) = &self.allowed_pattern {
            o.insert("AllowedPattern", Json::from(p.as_str()));
        }
        if let Some(c) = &self.constraint_description {
            o.insert("ConstraintDescription", Json::from(c.as_str()));
        }
        if let Some(n) = self.min_length {
            o.insert("MinLength", Json::Int(n.into()));
        }
        if let Some(n) = self.max_length {
            o.insert("MaxLength", Json::Int(n.into()));
        }
        if let Some(n) = self.min_value {
            o.insert("MinValue", number(n));
        }
        if let Some(n) = self.max_value {
            o.insert("MaxValue", number(n));
        }
        if self.no_echo {
            o.insert("NoEcho", Json::Bool(true));
        }
        o
    }
}

fn number(n: f64) -> Json {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        Json::Int(n as i64)
    } else {
        Json::Float(n)
    }
}

/// A parameter declaration; `T` is what a `Ref` to it resolves to: `String`, `f64` for
/// `Number`, or [`List<String>`](List) for the list types.
///
/// ```
/// use ecs_dsl::prelude::*;
/// let p = Parameter::number().default(2).min_value(1).max_value(10);
/// let subnets = Parameter::subnet_ids().description("Private subnets");
/// let secret = Parameter::string().no_echo();
/// # let _ = (p, subnets, secret);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter<T> {
    spec: ParameterSpec,
    _type: PhantomData<fn() -> T>,
}

impl<T> Parameter<T> {
    fn of(ty: ParameterType) -> Self {
        Parameter {
            spec: ParameterSpec {
                ty,
                description: None,
                default: None,
                allowed_values: Vec::new(),
                allowed_pattern: None,
                constraint_description: None,
                min_length: None,
                max_length: None,
                min_value: None,
                max_value: None,
                no_echo: false,
            },
            _type: PhantomData,
        }
    }

    pub(crate) fn into_spec(self) -> ParameterSpec {
        self.spec
    }

    /// Sets `Description`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::string().description("The environment"))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["Description"], "The environment");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.spec.description = Some(text.into());
        self
    }

    /// Sets `ConstraintDescription`, shown when a value breaks a constraint.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::string().allowed_pattern("[a-z]+").constraint_description("lowercase letters"))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["ConstraintDescription"], "lowercase letters");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn constraint_description(mut self, text: impl Into<String>) -> Self {
        self.spec.constraint_description = Some(text.into());
        self
    }

    /// Sets `NoEcho`: the value is masked in the console and API output.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::string().no_echo())?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["NoEcho"], true);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn no_echo(mut self) -> Self {
        self.spec.no_echo = true;
        self
    }
}

impl Parameter<String> {
    /// A `String` parameter.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::string())?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["Type"], "String");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn string() -> Self {
        Self::of(ParameterType::String)
    }

    /// An AWS-specific parameter, e.g. `Parameter::aws(AwsType::SecurityGroupId)`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::aws(AwsType::KeyPairName))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["Type"], "AWS::EC2::KeyPair::KeyName");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn aws(ty: AwsType) -> Self {
        Self::of(ParameterType::Aws(ty))
    }

    /// `AWS::EC2::VPC::Id`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::vpc_id())?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["Type"], "AWS::EC2::VPC::Id");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn vpc_id() -> Self {
        Self::aws(AwsType::VpcId)
    }

    /// `AWS::SSM::Parameter::Name`: the name of an SSM parameter (the value is the name).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::ssm_parameter_name())?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["Type"], "AWS::SSM::Parameter::Name");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn ssm_parameter_name() -> Self {
        Self::of(ParameterType::SsmParameterName)
    }

    /// `AWS::SSM::Parameter::Value<String>`: CloudFormation reads the named SSM parameter.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::ssm_string().default("/app/image-tag"))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["Type"], "AWS::SSM::Parameter::Value<String>");
    /// assert_eq!(p["Default"], "/app/image-tag");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn ssm_string() -> Self {
        Self::of(ParameterType::SsmValue(Box::new(ParameterType::String)))
    }

    /// `AWS::SSM::Parameter::Value<AWS-type>`, e.g. the latest ECS-optimized AMI id from
    /// `/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::ssm_aws(AwsType::ImageId)
    ///     .default("/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["Type"], "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn ssm_aws(ty: AwsType) -> Self {
        Self::of(ParameterType::SsmValue(Box::new(ParameterType::Aws(ty))))
    }

    /// Sets `Default`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::string().default("dev"))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["Default"], "dev");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn default(mut self, value: impl Into<String>) -> Self {
        self.spec.default = Some(Json::Str(value.into()));
        self
    }

    /// Sets `AllowedValues`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::string().allowed_values(["dev", "prod"]))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["AllowedValues"], serde_json::json!(["dev", "prod"]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn allowed_values<S: Into<String>>(mut self, values: impl IntoIterator<Item = S>) -> Self {
        self.spec.allowed_values = values.into_iter().map(|v| Json::Str(v.into())).collect();
        self
    }

    /// Sets `AllowedPattern` (a Java regular expression, checked by CloudFormation).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::string().allowed_pattern("[a-z]+"))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["AllowedPattern"], "[a-z]+");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn allowed_pattern(mut self, pattern: impl Into<String>) -> Self {
        self.spec.allowed_pattern = Some(pattern.into());
        self
    }

    /// Sets `MinLength`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::string().min_length(3))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["MinLength"], 3);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn min_length(mut self, n: u32) -> Self {
        self.spec.min_length = Some(n);
        self
    }

    /// Sets `MaxLength`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::string().max_length(32))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["MaxLength"], 32);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn max_length(mut self, n: u32) -> Self {
        self.spec.max_length = Some(n);
        self
    }
}

impl Parameter<f64> {
    /// A `Number` parameter. Its value can be used where an integer is expected with
    /// [`ParameterHandle::value_as_int`].
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::number())?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["Type"], "Number");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn number() -> Self {
        Self::of(ParameterType::Number)
    }

    /// Sets `Default`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::number().default(2))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["Default"], 2);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn default(mut self, value: impl Into<f64>) -> Self {
        self.spec.default = Some(number(value.into()));
        self
    }

    /// Sets `AllowedValues`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::number().allowed_values([1, 2, 4]))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["AllowedValues"], serde_json::json!([1, 2, 4]));
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn allowed_values<N: Into<f64>>(mut self, values: impl IntoIterator<Item = N>) -> Self {
        self.spec.allowed_values = values.into_iter().map(|v| number(v.into())).collect();
        self
    }

    /// Sets `MinValue`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::number().min_value(0.5))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["MinValue"], 0.5);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn min_value(mut self, n: impl Into<f64>) -> Self {
        self.spec.min_value = Some(n.into());
        self
    }

    /// Sets `MaxValue`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::number().max_value(10))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["MaxValue"], 10);
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn max_value(mut self, n: impl Into<f64>) -> Self {
        self.spec.max_value = Some(n.into());
        self
    }
}

impl Parameter<List<String>> {
    /// A `CommaDelimitedList` parameter.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::comma_delimited_list())?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["Type"], "CommaDelimitedList");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn comma_delimited_list() -> Self {
        Self::of(ParameterType::CommaDelimitedList)
    }

    /// `List<Number>`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::number_list())?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["Type"], "List<Number>");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn number_list() -> Self {
        Self::of(ParameterType::NumberList)
    }

    /// `List<AWS-type>`, e.g. `List<AWS::EC2::SecurityGroup::Id>`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::aws_list(AwsType::SecurityGroupId))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["Type"], "List<AWS::EC2::SecurityGroup::Id>");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn aws_list(ty: AwsType) -> Self {
        Self::of(ParameterType::AwsList(ty))
    }

    /// `List<AWS::EC2::Subnet::Id>`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::subnet_ids())?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["Type"], "List<AWS::EC2::Subnet::Id>");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn subnet_ids() -> Self {
        Self::aws_list(AwsType::SubnetId)
    }

    /// `AWS::SSM::Parameter::Value<List<String>>`.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::ssm_list())?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["Type"], "AWS::SSM::Parameter::Value<List<String>>");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn ssm_list() -> Self {
        Self::of(ParameterType::SsmValue(Box::new(
            ParameterType::CommaDelimitedList,
        )))
    }

    /// Sets `Default` (written comma-separated, as CloudFormation expects).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// # use ecs_dsl::template::AwsType;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// stack.add_parameter("Param", Parameter::comma_delimited_list().default(["a", "b"]))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// let p = &t["Parameters"]["Param"];
    /// assert_eq!(p["Default"], "a,b");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn default<S: AsRef<str>>(mut self, values: impl IntoIterator<Item = S>) -> Self {
        let joined: Vec<String> = values.into_iter().map(|s| s.as_ref().to_owned()).collect();
        self.spec.default = Some(Json::Str(joined.join(",")));
        self
    }
}

/// A parameter added to a stack; [`value`](ParameterHandle::value) is its `Ref`.
///
/// ```
/// use ecs_dsl::prelude::*;
/// let mut app = App::new();
/// let stack = app.stack("demo")?;
/// let env = stack.add_parameter("Env", Parameter::string())?;
/// stack.add_output("Env", Output::new(env.value()))?;
/// let t = app.synthesize()?.stack("demo").unwrap().template_json();
/// assert_eq!(t["Outputs"]["Env"]["Value"], serde_json::json!({"Ref": "Env"}));
/// # Ok::<(), ecs_dsl::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ParameterHandle<T> {
    target: Target,
    _type: PhantomData<fn() -> T>,
}

impl<T: Shape> ParameterHandle<T> {
    pub(crate) fn new(target: Target) -> Self {
        ParameterHandle {
            target: target.with_list(T::IS_LIST),
            _type: PhantomData,
        }
    }

    /// The parameter's logical id.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let env = stack.add_parameter("Env", Parameter::string())?;
    /// assert_eq!(env.logical_id(), "Env");
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn logical_id(&self) -> &str {
        &self.target.logical_id
    }

    /// `{"Ref": "<parameter>"}`, typed by the parameter's type. Used in another stack, it is
    /// exported from this one and imported there.
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let vpc = stack.add_parameter("VpcId", Parameter::vpc_id())?;
    /// let id: Value<String> = vpc.value();
    /// assert!(!id.is_literal());
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn value(&self) -> Value<T> {
        Value::expr(Json::Ref(self.target.clone()))
    }
}

impl ParameterHandle<f64> {
    /// The value where an integer property is expected (CloudFormation converts it).
    ///
    /// ```
    /// use ecs_dsl::prelude::*;
    /// let mut app = App::new();
    /// let stack = app.stack("demo")?;
    /// let count = stack.add_parameter("Count", Parameter::number().default(2))?;
    /// let desired: Value<i64> = count.value_as_int();
    /// stack.add_raw("Service", "AWS::ECS::Service", Json::object([("DesiredCount", desired.into())]))?;
    /// let t = app.synthesize()?.stack("demo").unwrap().template_json();
    /// assert_eq!(
    ///     t["Resources"]["Service"]["Properties"]["DesiredCount"],
    ///     serde_json::json!({"Ref": "Count"})
    /// );
    /// # Ok::<(), ecs_dsl::Error>(())
    /// ```
    pub fn value_as_int(&self) -> Value<i64> {
        self.value().cast()
    }
}

//! How long a log group keeps its events: only the values CloudFormation accepts.

/// The retention of a log group: exactly the `RetentionInDays` values
/// `AWS::Logs::LogGroup` accepts, or [`Infinite`](Retention::Infinite) (the property is
/// omitted and events never expire).
///
/// A test compares the list with cfn-lint's schema of `AWS::Logs::LogGroup`.
///
/// ```
/// use ecs_dsl::logs::Retention;
/// assert_eq!(Retention::from_days(30), Some(Retention::OneMonth));
/// assert_eq!(Retention::from_days(31), None);
/// assert_eq!(Retention::OneYear.days(), Some(365));
/// assert_eq!(Retention::Infinite.days(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Retention {
    /// 1 day.
    OneDay,
    /// 3 days.
    ThreeDays,
    /// 5 days.
    FiveDays,
    /// 7 days.
    OneWeek,
    /// 14 days.
    TwoWeeks,
    /// 30 days.
    OneMonth,
    /// 60 days.
    TwoMonths,
    /// 90 days.
    ThreeMonths,
    /// 120 days.
    FourMonths,
    /// 150 days.
    FiveMonths,
    /// 180 days.
    SixMonths,
    /// 365 days.
    OneYear,
    /// 400 days.
    ThirteenMonths,
    /// 545 days.
    EighteenMonths,
    /// 731 days.
    TwoYears,
    /// 1096 days.
    ThreeYears,
    /// 1827 days.
    FiveYears,
    /// 2192 days.
    SixYears,
    /// 2557 days.
    SevenYears,
    /// 2922 days.
    EightYears,
    /// 3288 days.
    NineYears,
    /// 3653 days.
    TenYears,
    /// Events never expire (`RetentionInDays` omitted); storage grows and is paid for forever.
    Infinite,
}

impl Retention {
    /// Every retention with a number of days, shortest first.
    ///
    /// ```
    /// use ecs_dsl::logs::Retention;
    /// assert_eq!(Retention::FINITE.len(), 22);
    /// assert!(Retention::FINITE.iter().all(|r| r.days().is_some()));
    /// ```
    pub const FINITE: [Retention; 22] = [
        Retention::OneDay,
        Retention::ThreeDays,
        Retention::FiveDays,
        Retention::OneWeek,
        Retention::TwoWeeks,
        Retention::OneMonth,
        Retention::TwoMonths,
        Retention::ThreeMonths,
        Retention::FourMonths,
        Retention::FiveMonths,
        Retention::SixMonths,
        Retention::OneYear,
        Retention::ThirteenMonths,
        Retention::EighteenMonths,
        Retention::TwoYears,
        Retention::ThreeYears,
        Retention::FiveYears,
        Retention::SixYears,
        Retention::SevenYears,
        Retention::EightYears,
        Retention::NineYears,
        Retention::TenYears,
    ];

    /// The number of days (`RetentionInDays`), or `None` for [`Infinite`](Retention::Infinite).
    ///
    /// ```
    /// use ecs_dsl::logs::Retention;
    /// assert_eq!(Retention::TenYears.days(), Some(3653));
    /// ```
    pub const fn days(self) -> Option<u32> {
        Some(match self {
            Retention::OneDay => 1,
            Retention::ThreeDays => 3,
            Retention::FiveDays => 5,
            Retention::OneWeek => 7,
            Retention::TwoWeeks => 14,
            Retention::OneMonth => 30,
            Retention::TwoMonths => 60,
            Retention::ThreeMonths => 90,
            Retention::FourMonths => 120,
            Retention::FiveMonths => 150,
            Retention::SixMonths => 180,
            Retention::OneYear => 365,
            Retention::ThirteenMonths => 400,
            Retention::EighteenMonths => 545,
            Retention::TwoYears => 731,
            Retention::ThreeYears => 1096,
            Retention::FiveYears => 1827,
            Retention::SixYears => 2192,
            Retention::SevenYears => 2557,
            Retention::EightYears => 2922,
            Retention::NineYears => 3288,
            Retention::TenYears => 3653,
            Retention::Infinite => return None,
        })
    }

    /// The retention of exactly `days` days, or `None` when CloudFormation does not accept
    /// that number (e.g. a value read from config; round it to one of [`FINITE`](Self::FINITE)
    /// yourself if that is what you want).
    ///
    /// ```
    /// use ecs_dsl::logs::Retention;
    /// assert_eq!(Retention::from_days(1827), Some(Retention::FiveYears));
    /// assert_eq!(Retention::from_days(1461), None); // four years is not offered
    /// assert_eq!(Retention::from_days(0), None);
    /// ```
    pub fn from_days(days: u32) -> Option<Retention> {
        Self::FINITE.into_iter().find(|r| r.days() == Some(days))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_and_are_strictly_increasing() {
        let days: Vec<u32> = Retention::FINITE.iter().filter_map(|r| r.days()).collect();
        assert_eq!(
            days,
            [
                1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192,
                2557, 2922, 3288, 3653
            ]
        );
        assert!(days.windows(2).all(|w| w[0] < w[1]));
        for r in Retention::FINITE {
            assert_eq!(r.days().and_then(Retention::from_days), Some(r));
        }
        assert!(!Retention::FINITE.contains(&Retention::Infinite));
    }

    #[test]
    fn other_numbers_are_not_retentions() {
        for d in [
            0,
            2,
            4,
            6,
            8,
            29,
            31,
            364,
            366,
            1000,
            1461,
            3652,
            3654,
            u32::MAX,
        ] {
            assert_eq!(Retention::from_days(d), None, "{d}");
        }
    }
}

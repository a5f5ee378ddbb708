//! The regional kinds' protocol types into views and back, field by field.

use vetnet_protocol::issuance_stats::{AchievementCount, IssuanceStatsBody};
use vetnet_protocol::resource::{ResourceBody, ResourceCategory};
use vetnet_protocol::skills_matching::{Proximity, SkillsCriterion, SkillsReason};
use vetnet_protocol::skills_need::{BalanceLevel, SkillRef, SkillsNeedBody};
use vetnet_protocol::{Content, LangText};
use vetnet_views as views;

use crate::api::convert::{FromContent, IntoProtocol, ToView};

impl ToView for BalanceLevel {
    type View = views::BalanceLevel;
    fn to_view(&self) -> Self::View {
        match self {
            BalanceLevel::Shortage => views::BalanceLevel::Shortage,
            BalanceLevel::Balance => views::BalanceLevel::Balance,
            BalanceLevel::Surplus => views::BalanceLevel::Surplus,
        }
    }
}

impl IntoProtocol for views::BalanceLevel {
    type Protocol = BalanceLevel;
    fn into_protocol(self) -> BalanceLevel {
        match self {
            views::BalanceLevel::Shortage => BalanceLevel::Shortage,
            views::BalanceLevel::Balance => BalanceLevel::Balance,
            views::BalanceLevel::Surplus => BalanceLevel::Surplus,
        }
    }
}

impl ToView for ResourceCategory {
    type View = views::ResourceCategory;
    fn to_view(&self) -> Self::View {
        match self {
            ResourceCategory::Manual => views::ResourceCategory::Manual,
            ResourceCategory::Template => views::ResourceCategory::Template,
            ResourceCategory::CountryInformation => views::ResourceCategory::CountryInformation,
            ResourceCategory::GoodPractice => views::ResourceCategory::GoodPractice,
        }
    }
}

impl IntoProtocol for views::ResourceCategory {
    type Protocol = ResourceCategory;
    fn into_protocol(self) -> ResourceCategory {
        match self {
            views::ResourceCategory::Manual => ResourceCategory::Manual,
            views::ResourceCategory::Template => ResourceCategory::Template,
            views::ResourceCategory::CountryInformation => ResourceCategory::CountryInformation,
            views::ResourceCategory::GoodPractice => ResourceCategory::GoodPractice,
        }
    }
}

impl ToView for SkillsNeedBody {
    type View = views::SkillsNeed;
    fn to_view(&self) -> Self::View {
        views::SkillsNeed {
            title: views::LangText(self.title.0.clone()),
            region: self.region.clone(),
            occupation: self.occupation.clone(),
            isco: self.isco.clone(),
            isced: self.isced.clone(),
            skills: self
                .skills
                .iter()
                .map(|skill| views::SkillRef { uri: skill.uri.clone(), label: skill.label.clone() })
                .collect(),
            people: self.people,
            level: self.level.map(|level| level.to_view()),
            horizon: self.horizon,
            source: self.source.clone(),
            link: self.link.clone(),
            valid_until: self.valid_until.clone(),
        }
    }
}

impl IntoProtocol for views::SkillsNeed {
    type Protocol = SkillsNeedBody;
    fn into_protocol(self) -> SkillsNeedBody {
        SkillsNeedBody {
            title: LangText(self.title.0),
            region: self.region,
            occupation: self.occupation,
            isco: self.isco,
            isced: self.isced,
            skills: self.skills.into_iter().map(|skill| SkillRef { uri: skill.uri, label: skill.label }).collect(),
            people: self.people,
            level: self.level.map(IntoProtocol::into_protocol),
            horizon: self.horizon,
            source: self.source,
            link: self.link,
            valid_until: self.valid_until,
        }
    }
}

impl ToView for ResourceBody {
    type View = views::Resource;
    fn to_view(&self) -> Self::View {
        views::Resource {
            title: self.title.clone(),
            lang: self.lang.clone(),
            category: self.category.to_view(),
            summary: self.summary.clone(),
            url: self.url.clone(),
            sha256: self.sha256.clone(),
        }
    }
}

impl IntoProtocol for views::Resource {
    type Protocol = ResourceBody;
    fn into_protocol(self) -> ResourceBody {
        ResourceBody {
            title: self.title,
            lang: self.lang,
            category: self.category.into_protocol(),
            summary: self.summary,
            url: self.url,
            sha256: self.sha256,
        }
    }
}

impl ToView for IssuanceStatsBody {
    type View = views::IssuanceStats;
    fn to_view(&self) -> Self::View {
        views::IssuanceStats {
            quarter: self.quarter.clone(),
            counts: self
                .counts
                .iter()
                .map(|c: &AchievementCount| views::AchievementCount {
                    achievement: c.achievement.clone(),
                    count: c.count,
                })
                .collect(),
        }
    }
}

impl ToView for Proximity {
    type View = views::Proximity;
    fn to_view(&self) -> Self::View {
        match self {
            Proximity::SameRegion => views::Proximity::SameRegion,
            Proximity::SameNuts2 => views::Proximity::SameNuts2,
            Proximity::SameCountry => views::Proximity::SameCountry,
        }
    }
}

impl ToView for SkillsReason {
    type View = views::SkillsReason;
    fn to_view(&self) -> Self::View {
        let code = match self.code {
            SkillsCriterion::Skills => views::SkillsCriterion::Skills,
            SkillsCriterion::Field => views::SkillsCriterion::Field,
            SkillsCriterion::Occupation => views::SkillsCriterion::Occupation,
            SkillsCriterion::Region => views::SkillsCriterion::Region,
        };
        views::SkillsReason { code, text: self.text.clone() }
    }
}

impl FromContent for views::SkillsNeed {
    fn from_content(content: &Content) -> Option<Self> {
        match content {
            Content::SkillsNeed(body) => Some(body.to_view()),
            _ => None,
        }
    }
}

impl FromContent for views::Resource {
    fn from_content(content: &Content) -> Option<Self> {
        match content {
            Content::Resource(body) => Some(body.to_view()),
            _ => None,
        }
    }
}

impl FromContent for views::IssuanceStats {
    fn from_content(content: &Content) -> Option<Self> {
        match content {
            Content::IssuanceStats(body) => Some(body.to_view()),
            _ => None,
        }
    }
}

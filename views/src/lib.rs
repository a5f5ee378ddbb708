//! The typed views of the vetnet admin API: every JSON body the API answers
//! with or accepts, as `Serialize + Deserialize` types.
//!
//! The node builds these from its protocol and store types, the CLI and the
//! dashboard read them, and the OpenAPI document is generated from them. This
//! crate knows nothing of the protocol's wire types on purpose: a renamed
//! protocol field breaks the node's conversion at compile time instead of
//! silently blanking a column in a reader.
//!
//! Field names, optional-field behaviour and enum words are exactly those of
//! the JSON the API has always returned.

pub mod backup;
pub mod bootstrap;
pub mod content;
pub mod credential;
pub mod error;
pub mod event;
pub mod matching;
pub mod mobility;
pub mod network;
pub mod record;
pub mod regional;
pub mod repair;
pub mod status;
pub mod trust;

pub use backup::*;
pub use bootstrap::*;
pub use content::*;
pub use credential::*;
pub use error::*;
pub use event::*;
pub use matching::*;
pub use mobility::*;
pub use network::*;
pub use record::*;
pub use regional::*;
pub use repair::*;
pub use status::*;
pub use trust::*;

/// Declares a fieldless enum that travels as the given words, with `as_str`,
/// `ALL` and `Display`, the same words as the protocol's keyword enums.
///
/// The words are taken as `tt`, not `literal`: a `literal` fragment reaches
/// the `ToSchema` derive wrapped in an invisible group, which it does not
/// read as a `rename`, so the schema would list the variant names instead.
macro_rules! word_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $word:tt,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $word)] $variant,)+
        }

        impl $name {
            /// Every word, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word this value travels as.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word,)+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s).ok_or_else(|| {
                    let words: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                    format!("{s:?} is not one of {}", words.join(", "))
                })
            }
        }
    };
}

pub(crate) use word_enum;

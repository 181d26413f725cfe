//! Closed vocabularies: the one way the project declares a set of named values (a region, a
//! record field, a provider kind) so each is defined once, typed, and spelled the same in
//! seeds, records, queries and tables.

/// A name that is not in a vocabulary (`--region sout`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{name}` (expected one of: {expected})")]
pub struct UnknownName {
    /// The vocabulary's type name (`Region`).
    pub what: &'static str,
    /// The name as given.
    pub name: String,
    /// Every accepted name, comma-separated.
    pub expected: String,
}

/// Declares a closed vocabulary: an enum whose values have one name each, used by serde
/// (through `as_str`, so the names are written once), `ALL`, `as_str`, `Display` and
/// `FromStr` (failing with [`UnknownName`]). The declaring crate must depend on `serde`.
#[macro_export]
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            ::serde::Serialize, ::serde::Deserialize,
        )]
        #[serde(try_from = "String", into = "&'static str")]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &[$name] = &[$($name::$variant),+];

            /// The name used in seeds, records and queries.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::UnknownName;

            fn from_str(s: &str) -> ::std::result::Result<Self, $crate::UnknownName> {
                $name::ALL.iter().copied().find(|v| v.as_str() == s).ok_or_else(|| {
                    $crate::UnknownName {
                        what: stringify!($name),
                        name: s.to_owned(),
                        expected: $name::ALL
                            .iter()
                            .map(|v| v.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    }
                })
            }
        }

        impl ::std::convert::TryFrom<String> for $name {
            type Error = $crate::UnknownName;

            fn try_from(s: String) -> ::std::result::Result<Self, $crate::UnknownName> {
                s.parse()
            }
        }

        impl ::std::convert::From<$name> for &'static str {
            fn from(value: $name) -> &'static str {
                value.as_str()
            }
        }
    };
}

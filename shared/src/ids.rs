//! Identifiers: UUIDv7 newtypes made on the device, so offline records never collide.
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! define_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh UUIDv7. Ids are the one place that reads the clock: their
            /// time prefix only orders records, it never drives a rule.
            #[must_use]
            #[allow(clippy::disallowed_methods)]
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            /// Wraps an existing uuid (from storage, or a deterministic demo id).
            #[must_use]
            pub const fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            /// The inner uuid.
            #[must_use]
            pub const fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        // Compared, ordered and hashed as one 128-bit number: the same
        // equality and order as the uuid's bytes (big-endian), but two
        // word compares instead of a call to wasm's byte-loop `memcmp`
        // (docs/bench.md, the leaders' dashboard).
        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.0.as_u128() == other.0.as_u128()
            }
        }

        impl Eq for $name {}

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Ord for $name {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                self.0.as_u128().cmp(&other.0.as_u128())
            }
        }

        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                state.write_u128(self.0.as_u128());
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }

        impl From<Uuid> for $name {
            fn from(uuid: Uuid) -> Self {
                Self(uuid)
            }
        }
    };
}

define_id!(
    /// A commune (xã): the tenant.
    CommuneId
);
define_id!(
    /// A unit (chi bộ, đảng bộ, đảng ủy) of a commune.
    UnitId
);
define_id!(
    /// A campaign year (đợt thi đua).
    CampaignId
);
define_id!(
    /// A model (mô hình Dân vận khéo).
    ModelId
);
define_id!(
    /// An indicator (chỉ tiêu) of a model.
    IndicatorId
);
define_id!(
    /// A progress entry of a model.
    ProgressId
);
define_id!(
    /// A results report (phụ lục 02) of a model.
    ReportId
);
define_id!(
    /// An evaluation of a model.
    EvaluationId
);
define_id!(
    /// An evaluation criterion of a campaign year.
    CriterionId
);
define_id!(
    /// A user account.
    UserId
);
define_id!(
    /// A device (phone, tablet, browser profile) that syncs.
    DeviceId
);
define_id!(
    /// One sync operation.
    OpId
);

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The ids' own comparisons agree with their uuids' bytes.
        #[test]
        fn ids_compare_as_their_uuids(a: [u8; 16], b: [u8; 16], same: bool) {
            let b = if same { a } else { b };
            let (x, y) = (ModelId::from_uuid(Uuid::from_bytes(a)), ModelId::from_uuid(Uuid::from_bytes(b)));
            prop_assert_eq!(x == y, a == b);
            prop_assert_eq!(x.cmp(&y), a.cmp(&b));
            prop_assert_eq!(x.partial_cmp(&y), Some(a.cmp(&b)));
            let hash = |id: ModelId| {
                use std::hash::BuildHasher as _;
                rustc_hash::FxBuildHasher.hash_one(id)
            };
            if x == y {
                prop_assert_eq!(hash(x), hash(y));
            }
        }
    }
}

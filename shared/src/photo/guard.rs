//! The storage guard for photos: which may leave the device when space is
//! short. Only a photo the server holds whole may go, and only its full
//! bytes: the thumbnail stays, the photo is fetched again when viewed
//! online. A photo not yet on the server never goes.

/// A photo on the device, as the photos store knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub sha256: String,
    /// Bytes of the full photo on the device; `None` once dropped.
    pub full_bytes: Option<u64>,
    /// Whether the server has it whole.
    pub uploaded: bool,
}

/// What dropping would free: the photos and their bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub hashes: Vec<String>,
    pub bytes: u64,
}

/// The sent photos whose full bytes may leave the device (every one: the
/// server has each, and a thumbnail stays).
#[must_use]
pub fn droppable(held: &[Held]) -> Plan {
    let mut plan = Plan::default();
    for photo in held {
        if let (true, Some(bytes)) = (photo.uploaded, photo.full_bytes) {
            plan.hashes.push(photo.sha256.clone());
            plan.bytes += bytes;
        }
    }
    plan
}

/// Whether to drop sent photos without asking: the device is near its
/// quota (the storage panel's warning) and there is something to free.
#[must_use]
pub fn drop_automatically(nearly_full: bool, plan: &Plan) -> bool {
    nearly_full && !plan.hashes.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(n: u8, bytes: Option<u64>, uploaded: bool) -> Held {
        Held {
            sha256: format!("{n:064x}"),
            full_bytes: bytes,
            uploaded,
        }
    }

    #[cfg_attr(not(target_arch = "wasm32"), test)]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn only_sent_photos_still_held_are_dropped_and_unsent_never() {
        let photos = [
            held(1, Some(100), true),
            held(2, Some(200), false),
            held(3, None, true),
            held(4, Some(50), true),
            held(5, None, false),
        ];
        let plan = droppable(&photos);
        assert_eq!(
            plan.hashes,
            vec![format!("{:064x}", 1), format!("{:064x}", 4)]
        );
        assert_eq!(plan.bytes, 150);
        assert!(drop_automatically(true, &plan));
        assert!(!drop_automatically(false, &plan));
        let unsent = [held(2, Some(200), false), held(5, None, false)];
        let none = droppable(&unsent);
        assert_eq!(none, Plan::default());
        assert!(
            !drop_automatically(true, &none),
            "nothing to drop when all are unsent"
        );
    }
}

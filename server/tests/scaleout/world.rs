//! What one schedule works on: a commune of its own in the shared
//! database (so its checks cover exactly what its devices did), its
//! people's sessions, their devices, and a reader paging the commune.
use std::cell::RefCell;
use std::collections::BTreeMap;

use serde_json::{Value, json};
use server::auth::session;
use server::store::Store;
use server::store::users::StoredUser;
use shared::demo::DemoData;
use shared::ids::{CampaignId, CommuneId, ModelId, UnitId, UserId};
use shared::sync::{
    Engine, Fields, MemoryStorage, PullResponse, RecordKind, RecordState, to_fields,
};
use shared::user::{Role, User};
use uuid::Uuid;

use crate::common::device::{Http, call, now};

const FIELDS: &[&str] = &["name", "goals", "area", "outputs", "situation"];
const VALUES: &[&str] = &[
    "Dân vận khéo",
    "thôn Đông",
    "bảo hiểm y tế",
    "rác thải",
    "số hoá",
];

/// A version-7-shaped id from the schedule's seed.
pub fn uuid(rng: &mut fastrand::Rng) -> Uuid {
    uuid::Builder::from_random_bytes(rng.u128(..).to_le_bytes())
        .with_version(uuid::Version::SortRand)
        .into_uuid()
}

/// The demo commune's set-up (commune, units, campaign years) under new
/// ids, and its people: two officers of one unit, one of another, and a
/// reviewer (the first user) who sees the whole commune.
pub struct Commune {
    pub data: DemoData,
    pub users: Vec<User>,
}

impl Commune {
    pub async fn create(store: &Store, rng: &mut fastrand::Rng) -> Commune {
        let mut data = shared::demo::thanh_mien();
        let commune = CommuneId::from_uuid(uuid(rng));
        data.commune.id = commune;
        let mut units = BTreeMap::new();
        for unit in &mut data.units {
            let id = UnitId::from_uuid(uuid(rng));
            units.insert(unit.id, id);
            unit.id = id;
            unit.commune_id = commune;
        }
        for unit in &mut data.units {
            unit.parent = unit.parent.and_then(|p| units.get(&p).copied());
        }
        for campaign in &mut data.campaigns {
            campaign.id = CampaignId::from_uuid(uuid(rng));
            campaign.commune_id = commune;
        }
        let demo_user = |name: &str| {
            let user = data.users.iter().find(|u| u.username == name);
            user.expect("a demo user").clone()
        };
        let tag = rng.u32(..);
        let mut users = Vec::new();
        for name in ["bxdd.lan", "canbo.ubnd", "canbo.ubnd", "canbo.yte"] {
            let mut user = demo_user(name);
            user.id = UserId::from_uuid(uuid(rng));
            user.username = format!("{name}.{tag:x}.{}", users.len());
            user.commune_id = Some(commune);
            user.unit_id = user.unit_id.and_then(|u| units.get(&u).copied());
            users.push(user);
        }
        let mut records = vec![record(
            RecordKind::Commune,
            commune.as_uuid(),
            &data.commune,
        )];
        for unit in &data.units {
            records.push(record(RecordKind::Unit, unit.id.as_uuid(), unit));
        }
        for campaign in &data.campaigns {
            records.push(record(
                RecordKind::Campaign,
                campaign.id.as_uuid(),
                campaign,
            ));
        }
        store
            .write_system(records)
            .await
            .expect("the commune's set-up");
        for user in &users {
            let stored = StoredUser {
                user: user.clone(),
                password_hash: String::new(),
            };
            store.put_user(&stored).await.expect("user");
        }
        Commune { data, users }
    }

    /// A session of `user` on a device of its own (signing in over HTTP
    /// is tested elsewhere; here it would only cost password hashing).
    pub async fn session(store: &Store, user: &User, device: Uuid) -> String {
        let device = session::Device {
            id: Some(device),
            ..session::Device::default()
        };
        session::open(store, user, &device, chrono::Utc::now())
            .await
            .expect("session")
            .token
    }
}

fn record<T: serde::Serialize>(
    kind: RecordKind,
    id: Uuid,
    value: &T,
) -> (RecordState, shared::scope::Scope) {
    let fields = to_fields(value).expect("fields");
    let scope = shared::scope::scope_of(kind, &fields, None).expect("a commune");
    let state = RecordState::new(kind, id, fields);
    (state, scope)
}

pub struct Device {
    pub engine: RefCell<Engine<MemoryStorage>>,
    pub token: String,
    pub user: User,
    /// Last value saved per (record, field), as the user saw "đã lưu".
    pub acked: BTreeMap<(Uuid, String), Value>,
}

impl Device {
    pub async fn new(store: &Store, user: &User, rng: &mut fastrand::Rng) -> Device {
        let id = uuid(rng);
        Device {
            engine: RefCell::new(Engine::open(MemoryStorage::default(), id).expect("engine")),
            token: Commune::session(store, user, id).await,
            user: user.clone(),
            acked: BTreeMap::new(),
        }
    }

    /// The person saves a new model (an officer) or changes one field.
    pub fn edit(&mut self, commune: &Commune, rng: &mut fastrand::Rng) {
        let mut engine = self.engine.borrow_mut();
        let existing: Vec<Uuid> = engine
            .views(RecordKind::Model)
            .iter()
            .filter(|v| {
                self.user.role != Role::UnitOfficer
                    || v.fields.get("unit_id") == Some(&json!(self.user.unit_id))
            })
            .map(|v| v.id)
            .collect();
        let pick = |rng: &mut fastrand::Rng| VALUES[rng.usize(..VALUES.len())];
        let (id, changes): (Uuid, Fields) =
            if self.user.role == Role::UnitOfficer && (existing.is_empty() || rng.u8(..100) < 20) {
                let mut model = shared::model::Model::new_draft(
                    ModelId::from_uuid(uuid(rng)),
                    commune.data.commune.id,
                    self.user.unit_id.expect("unit"),
                    commune.data.campaigns[1].id,
                );
                model.name = pick(rng).to_owned();
                (
                    model.id.as_uuid(),
                    to_fields(&model).expect("a model is an object"),
                )
            } else if existing.is_empty() {
                return;
            } else {
                let id = existing[rng.usize(..existing.len())];
                let field = FIELDS[rng.usize(..FIELDS.len())];
                let value = json!(format!("{} {}", pick(rng), rng.u32(..1000)));
                (id, Fields::from_iter([(field.to_owned(), value)]))
            };
        engine
            .edit(RecordKind::Model, id, changes.clone(), now())
            .expect("saved");
        for (field, value) in changes {
            self.acked.insert((id, field), value);
        }
    }
}

/// A reviewer's reader paging through the commune by cursor, a few
/// records a page, through whichever app server it is given, while
/// others push: what it has seen must equal the truth once the pushes
/// are answered, or a late commit was stepped past.
pub struct Reader {
    pub token: String,
    cursor: u64,
    /// The newest version seen of each record.
    seen: BTreeMap<Uuid, u64>,
}

impl Reader {
    pub fn new(token: String) -> Reader {
        Reader {
            token,
            cursor: 0,
            seen: BTreeMap::new(),
        }
    }

    /// One page after the cursor: whether there is more (None: the
    /// server did not answer).
    pub async fn page(&mut self, http: &Http, base: &str, limit: u32) -> Option<bool> {
        let url = format!("{base}/api/sync/pull?since={}&limit={limit}", self.cursor);
        let answer = call(http, "GET", &url, Some(&self.token), None)
            .await
            .ok()?;
        let page: PullResponse = serde_json::from_value(answer).expect("a pull page");
        for record in page.records {
            let seen = self.seen.entry(record.id).or_default();
            *seen = (*seen).max(record.version);
        }
        self.cursor = page.cursor;
        Some(page.more)
    }

    /// Pages on to the head, through the two servers in turn.
    pub async fn catch_up(&mut self, http: &Http, bases: [&str; 2], limit: u32) {
        let mut turn = 0;
        while self
            .page(http, bases[turn % 2], limit)
            .await
            .expect("both app servers answer")
        {
            turn += 1;
        }
    }

    pub fn seen(&self) -> &BTreeMap<Uuid, u64> {
        &self.seen
    }
}

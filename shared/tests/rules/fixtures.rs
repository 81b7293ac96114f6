//! Shared fixtures: a complete registration and the demo commune.
use chrono::NaiveDate;
use shared::demo::{DemoData, thanh_mien};
use shared::field::Field;
use shared::ids::{CampaignId, CommuneId, IndicatorId, ModelId, UnitId};
use shared::model::{Indicator, Model};

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn demo() -> DemoData {
    thanh_mien()
}

pub fn indicator(name: &str, unit: &str, target: f64) -> Indicator {
    Indicator {
        id: IndicatorId::new(),
        name: name.to_owned(),
        unit: unit.to_owned(),
        target,
        previous_target: None,
    }
}

/// A draft with every required registration item filled.
pub fn complete_model() -> Model {
    let mut m = Model::new_draft(
        ModelId::new(),
        CommuneId::new(),
        UnitId::new(),
        CampaignId::new(),
    );
    m.name = "Phân loại rác thải tại nguồn".into();
    m.field = Some(Field::VanHoaXaHoi);
    m.topic = "Phân loại, thu gom, xử lý rác thải".into();
    m.registrant = "Chi hội Phụ nữ".into();
    m.responsible_leader = "Bí thư chi bộ".into();
    m.situation = "Rác chưa được phân loại".into();
    m.goals = "Hộ dân phân loại rác".into();
    m.indicators = vec![indicator("Tỷ lệ hộ phân loại rác", "%", 70.0)];
    m.content_methods = "Phát thùng, hướng dẫn".into();
    m.area = "Thôn Đông".into();
    m.beneficiaries = "Hộ gia đình".into();
    m.lead_force = "Chi hội Phụ nữ".into();
    m.start_date = Some(d(2025, 9, 5));
    m.end_date = Some(d(2025, 11, 15));
    m.outputs = "Danh sách hộ".into();
    m.sustainability = "Đưa vào hương ước".into();
    m
}

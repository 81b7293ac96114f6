//! Any set of models makes files that open: random names with Vietnamese
//! marks (composed or not), empty optional fields, very long text.
use documents::{Format, Kind, Request, make};
use proptest::prelude::*;
use shared::field::Field;
use shared::figures::YearRecords;
use shared::ids::ModelId;
use shared::model::{Model, ModelKind};
use shared::report::ResultsReport;
use shared::status::ModelStatus;

use crate::common::{date, part};

/// Vietnamese letters with every tone, decomposed forms, and anything else.
fn text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::string::string_regex(&format!(
            "[a-zA-ZàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĐ \u{300}\u{301}\u{303}\u{309}\u{323}\n]{{0,{max}}}"
        ))
        .unwrap(),
        any::<String>(),
        Just(String::new()),
    ]
}

type Spec = (String, String, String, Option<usize>, usize, bool, bool);

fn spec() -> impl Strategy<Value = Spec> {
    (
        text(80),
        text(300),
        prop_oneof![Just(String::new()), text(60), "[a-zA-Zđệ ]{9000,12000}"],
        prop::option::of(0usize..4),
        0usize..11,
        any::<bool>(),
        any::<bool>(),
    )
}

fn models(specs: &[Spec], data: &shared::demo::DemoData) -> (Vec<Model>, Vec<ResultsReport>) {
    let campaign = data.campaign(2025).unwrap();
    let mut models = Vec::new();
    let mut reports = Vec::new();
    for (i, (name, goals, long, field, status, individual, report)) in specs.iter().enumerate() {
        let unit = &data.units[i % data.units.len()];
        let mut m = Model::new_draft(ModelId::new(), data.commune.id, unit.id, campaign.id);
        m.name = name.clone();
        m.goals = goals.clone();
        m.situation = long.clone();
        m.coordinating_forces = long.clone();
        m.field = field.map(|f| Field::ALL[f]);
        m.status = ModelStatus::ALL[*status];
        m.kind = if *individual {
            ModelKind::CaNhan
        } else {
            ModelKind::TapThe
        };
        m.registrant = name.clone();
        if *report {
            let mut r = ResultsReport::new_for(ResultsReport::id_for(m.id), &m);
            r.results = long.clone();
            r.proposals = goals.clone();
            reports.push(r);
        }
        models.push(m);
    }
    (models, reports)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn any_models_make_files_that_open(specs in prop::collection::vec(spec(), 0..6), number in prop::option::of(text(12))) {
        let data = shared::demo::thanh_mien();
        let (models, reports) = models(&specs, &data);
        let records = YearRecords {
            commune: &data.commune,
            campaign: data.campaign(2025).unwrap(),
            units: &data.units,
            models: &models,
            progress: &[],
            reports: &reports,
            evaluations: &[],
        };
        let req = Request { records, date: date(), number: number.as_deref(), photos: &documents::NO_PHOTOS };
        let mut kinds = vec![
            (Kind::Mau01, Format::Docx),
            (Kind::Mau01, Format::Xlsx),
            (Kind::PhuLuc02(data.units[0].id), Format::Docx),
            (Kind::Report, Format::Docx),
            (Kind::Recognition, Format::Docx),
            (Kind::Recognition, Format::Xlsx),
        ];
        kinds.extend(models.iter().map(|m| (Kind::Mau04(m.id), Format::Docx)));
        for (kind, format) in kinds {
            let file = make(&req, kind, format).unwrap();
            match format {
                Format::Docx => {
                    prop_assert!(docx_rs::read_docx(&file.bytes).is_ok(), "{kind:?}");
                }
                Format::Xlsx => {
                    let sheet = part(&file.bytes, "xl/worksheets/sheet1.xml");
                    prop_assert!(sheet.ends_with("</worksheet>"));
                }
            }
        }
    }
}

//! Validation of a model: draft rules (data that is wrong in itself) and
//! submit rules (a registration must be complete before it is sent).
use crate::messages;
use crate::model::Model;
use crate::validate::{Checker, ErrorCode, Errors, is_blank, same_text};

impl Model {
    fn short_texts(&self) -> [(&'static str, &str); 5] {
        [
            ("name", &self.name),
            ("sub_unit", &self.sub_unit),
            ("topic", &self.topic),
            ("registrant", &self.registrant),
            ("responsible_leader", &self.responsible_leader),
        ]
    }

    fn long_texts(&self) -> [(&'static str, &str); 16] {
        [
            ("situation", &self.situation),
            ("advantages", &self.advantages),
            ("difficulties", &self.difficulties),
            ("goals", &self.goals),
            ("content_methods", &self.content_methods),
            ("area", &self.area),
            ("beneficiaries", &self.beneficiaries),
            ("lead_force", &self.lead_force),
            ("coordinating_forces", &self.coordinating_forces),
            ("participating_forces", &self.participating_forces),
            ("facilities", &self.facilities),
            ("manpower", &self.manpower),
            ("outputs", &self.outputs),
            ("sustainability", &self.sustainability),
            ("return_comment", &self.return_comment),
            ("stop_reason", &self.stop_reason),
        ]
    }

    /// The registration items that must be filled before sending, with the
    /// label used in "Vui lòng nhập ...".
    fn required_texts(&self) -> [(&'static str, &'static str, &str); 10] {
        [
            (
                "situation",
                "thực trạng, lý do xây dựng mô hình",
                &self.situation,
            ),
            ("goals", "mục tiêu", &self.goals),
            (
                "content_methods",
                "nội dung, cách thức, biện pháp thực hiện",
                &self.content_methods,
            ),
            ("area", "địa bàn thực hiện", &self.area),
            ("beneficiaries", "đối tượng", &self.beneficiaries),
            ("lead_force", "lực lượng chủ trì", &self.lead_force),
            ("outputs", "sản phẩm, kết quả đầu ra", &self.outputs),
            (
                "sustainability",
                "khả năng duy trì, nhân rộng",
                &self.sustainability,
            ),
            ("registrant", "người (tập thể) đăng ký", &self.registrant),
            (
                "responsible_leader",
                "lãnh đạo chịu trách nhiệm",
                &self.responsible_leader,
            ),
        ]
    }

    /// What makes the data invalid at all; a draft with these errors cannot
    /// be saved, but an empty draft can.
    #[must_use]
    pub fn validate_draft(&self) -> Errors {
        let mut c = Checker::new();
        for (field, value) in self.short_texts() {
            c.name(field, value);
        }
        for (field, value) in self.long_texts() {
            c.text(field, value);
        }
        for (i, ind) in self.indicators.iter().enumerate() {
            c.name(&format!("indicators[{i}].name"), &ind.name);
            c.name(&format!("indicators[{i}].unit"), &ind.unit);
            c.non_negative(&format!("indicators[{i}].target"), ind.target);
            if let Some(prev) = ind.previous_target {
                c.non_negative(&format!("indicators[{i}].previous_target"), prev);
            }
        }
        if let (Some(start), Some(end)) = (self.start_date, self.end_date)
            && end <= start
        {
            c.push(
                "end_date",
                ErrorCode::EndBeforeStart,
                messages::END_BEFORE_START,
            );
        }
        for (i, m) in self.milestones.iter().enumerate() {
            c.name(&format!("milestones[{i}].title"), &m.title);
            let before = self.start_date.is_some_and(|s| m.date < s);
            let after = self.end_date.is_some_and(|e| m.date > e);
            if before || after {
                c.push(
                    format!("milestones[{i}].date"),
                    ErrorCode::OutsideRange,
                    messages::MILESTONE_OUTSIDE,
                );
            }
        }
        if self.continued_from == Some(self.id) {
            c.push(
                "continued_from",
                ErrorCode::Inconsistent,
                messages::CONTINUED_FROM_SELF,
            );
        }
        c.finish()
    }

    /// Draft rules, plus: every required item filled (whitespace is not
    /// filling), at least one complete indicator, start and end dates, and
    /// for a continued model, last year's model given, one it may build on
    /// (its own unit's, or another unit's replicated model: see
    /// [`crate::replication::link`]), and every indicator that carries over
    /// (same name) raised above last year's target.
    #[must_use]
    pub fn validate_for_submit(&self, previous: Option<&Model>) -> Errors {
        let mut c = Checker::new();
        c.extend(self.validate_draft());
        if is_blank(&self.name) {
            c.push("name", ErrorCode::Required, messages::MODEL_NAME_REQUIRED);
        }
        c.required_some("field", self.field.as_ref(), "lĩnh vực");
        for (field, label, value) in self.required_texts() {
            c.required(field, value, label);
        }
        c.required_some("start_date", self.start_date.as_ref(), "ngày bắt đầu");
        c.required_some("end_date", self.end_date.as_ref(), "ngày kết thúc");
        self.check_indicators_complete(&mut c);
        self.check_continuation(&mut c, previous);
        c.finish()
    }

    fn check_indicators_complete(&self, c: &mut Checker) {
        if !self.indicators.iter().any(|i| i.is_complete()) {
            c.push(
                "indicators",
                ErrorCode::Required,
                messages::INDICATOR_REQUIRED,
            );
        }
        for (i, ind) in self.indicators.iter().enumerate() {
            c.required(&format!("indicators[{i}].name"), &ind.name, "tên chỉ tiêu");
            c.required(&format!("indicators[{i}].unit"), &ind.unit, "đơn vị tính");
            if ind.target.is_finite() && ind.target <= 0.0 {
                c.push(
                    format!("indicators[{i}].target"),
                    ErrorCode::NotPositive,
                    messages::NOT_POSITIVE,
                );
            }
        }
    }

    fn check_continuation(&self, c: &mut Checker, previous: Option<&Model>) {
        let Some(prev_id) = self.continued_from else {
            return;
        };
        let previous = match previous {
            None => {
                c.push(
                    "continued_from",
                    ErrorCode::PreviousMissing,
                    messages::PREVIOUS_MISSING,
                );
                None
            }
            Some(p) if p.id != prev_id => {
                c.push(
                    "continued_from",
                    ErrorCode::Inconsistent,
                    messages::PREVIOUS_MISMATCH,
                );
                None
            }
            Some(p) => match crate::replication::link(self, p) {
                Ok(_) => Some(p),
                Err(error) => {
                    let e = error.field_error();
                    c.push(e.field, e.code, e.message);
                    Some(p)
                }
            },
        };
        for (i, ind) in self.indicators.iter().enumerate() {
            let last_year = previous
                .and_then(|p| p.indicators.iter().find(|o| same_text(&o.name, &ind.name)))
                .map(|o| o.target);
            let floor = match (last_year, ind.previous_target) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
            if let Some(floor) = floor
                && ind.target.is_finite()
                && floor.is_finite()
                && ind.target <= floor
            {
                c.push(
                    format!("indicators[{i}].target"),
                    ErrorCode::NotHigherThanPrevious,
                    messages::NOT_HIGHER_THAN_PREVIOUS,
                );
            }
        }
    }
}

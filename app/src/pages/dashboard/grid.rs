//! The grid of units × stages (đăng ký, đang thực hiện, đã báo cáo, đã
//! đánh giá, được công nhận), a reporting-rate table: each cell's count
//! opens its models, and the late among them ("2 muộn") open theirs. The
//! commune's row closes the table. `shared::dashboard` makes every cell.
use leptos::prelude::*;
use shared::dashboard::{Figure, GridRow, Stage};

use super::DashData;
use super::figure_link::FigureLink;
use crate::strings;

#[component]
fn GridCell(data: DashData, row: GridRow, stage: Stage) -> impl IntoView {
    let late = row.cell(stage).map_or(0, |c| c.late.count());
    let unit = row.unit_id;
    let figure = Figure::Stage {
        unit,
        stage,
        late: false,
    };
    let late_figure = Figure::Stage {
        unit,
        stage,
        late: true,
    };
    view! {
        <td class="grid__cell" class:late={late > 0}>
            <FigureLink data figure>{move || data.dash.with(|d| d.as_ref().map_or(0, |d| d.count(&figure)))}</FigureLink>
            {(late > 0).then(|| view! {
                <FigureLink data figure=late_figure>
                    <span class="grid__late" title=stage.late_label()>{late} " " {strings::DASHBOARD_GRID_LATE}</span>
                </FigureLink>
            })}
        </td>
    }
}

#[component]
pub fn Grid(data: DashData) -> impl IntoView {
    let rows = move || {
        data.dash
            .with(|d| d.as_ref().map(|d| d.grid.clone()))
            .unwrap_or_default()
    };
    view! {
        <section class="dash__grid card">
            <h3>{strings::DASHBOARD_GRID}</h3>
            <div class="grid__scroll">
                <table class="grid" id="stage-grid">
                    <thead>
                        <tr>
                            <th scope="col">{strings::DASHBOARD_COL_UNIT}</th>
                            {Stage::ALL.into_iter().map(|s| view! { <th scope="col">{s.label()}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {move || rows().into_iter().map(|row| {
                            let key = row.unit_id.map_or_else(|| "xa".to_owned(), |u| u.to_string());
                            let total = row.unit_id.is_none();
                            view! {
                                <tr data-row=key class:grid__total=total>
                                    <th scope="row">{row.name.clone()}</th>
                                    {Stage::ALL.into_iter().map(|stage| view! { <GridCell data row=row.clone() stage/> }).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

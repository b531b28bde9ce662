//! The page's state: the typed inputs and the open cell, with what derives
//! from them. Components read through the methods and change state through
//! one named method each, as the Leptos todomvc example keeps its changes on
//! its domain type.

use super::browser::{encode_query, location_base};
use crate::domain::present::implied_line;
use crate::domain::{
    Cell, Field, FieldError, HugepageSize, MemoryManager, NodeTuning, Policy, Report, Scenario,
    Section, Switch,
};
use crate::domain::{HostMode, VcpuMode};
use crate::form::{step, FormState, Side};
use crate::share::{permalink_with, to_pairs, ViewState};
use leptos::prelude::*;
use std::sync::Arc;

/// What the page derives for one host: the same VM on it.
#[derive(Clone, Copy)]
struct HostResult {
    /// The inputs read as a scenario, or the problems, each at its field.
    parsed: Memo<Result<Scenario, Vec<FieldError>>>,
    /// The latest valid result; it stays while the inputs are invalid.
    /// Shared, so keeping it and reading it never copies a report.
    report: Memo<Arc<Report>>,
}

impl HostResult {
    fn new(form: RwSignal<FormState>, side: Side) -> HostResult {
        // No compared host reads as invalid: its results are not shown then.
        let parsed = Memo::new(move |_| {
            form.with(|f| f.input_on(side).map_or(Err(Vec::new()), |i| i.parse()))
        });
        // Links are decoded into valid forms, so the default only shows if
        // the page starts from invalid input some other way. A new scenario
        // almost always gives a new report, so the report is not compared
        // with the last one (a whole report's comparison costs the page's
        // wasm more than the rare update it would save).
        let report = Memo::new_with_compare(
            move |previous: Option<&Arc<Report>>| match parsed.get() {
                Ok(scenario) => Arc::new(Report::new(scenario)),
                Err(_) => previous.cloned().unwrap_or_default(),
            },
            |_, _| true,
        );
        HostResult { parsed, report }
    }
}

/// The page's state as one host's inputs and results see it: components
/// take a `Planner` and show the host it is for (`side`), so the compared
/// host reuses them whole. The open cell is shared: a cell's explanation is
/// the document's row, the same for both hosts.
#[derive(Clone, Copy)]
pub struct Planner {
    form: RwSignal<FormState>,
    open_cell: RwSignal<Option<Cell>>,
    side: Side,
    main: HostResult,
    compared: HostResult,
}

impl Planner {
    pub fn new(form: FormState, open_cell: Option<Cell>) -> Planner {
        let form = RwSignal::new(form);
        Planner {
            form,
            open_cell: RwSignal::new(open_cell),
            side: Side::Main,
            main: HostResult::new(form, Side::Main),
            compared: HostResult::new(form, Side::Compare),
        }
    }

    /// The same state, for the compared host.
    pub fn compared(self) -> Planner {
        Planner {
            side: Side::Compare,
            ..self
        }
    }

    pub fn side(&self) -> Side {
        self.side
    }

    fn result(&self) -> HostResult {
        match self.side {
            Side::Main => self.main,
            Side::Compare => self.compared,
        }
    }

    /// Whether a second host is being compared.
    pub fn is_comparing(&self) -> bool {
        self.form.with(|f| f.compare.is_some())
    }

    pub fn set_comparing(&self, on: bool) {
        self.form.update(|f| f.set_comparing(on));
    }

    /// Reads the shown report (tracked).
    pub fn report<T>(&self, read: impl FnOnce(&Report) -> T) -> T {
        self.result().report.with(|r| read(r))
    }

    /// True while the shown result no longer matches the inputs.
    pub fn is_stale(&self) -> bool {
        self.result().parsed.with(Result::is_err)
    }

    /// The problem with one field's current text, if any.
    pub fn field_error(&self, field: Field) -> Option<String> {
        self.result().parsed.with(|p| {
            p.as_ref()
                .err()?
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    }

    pub fn text(&self, field: Field) -> String {
        self.form.with(|f| f.text_on(self.side, field).to_string())
    }

    pub fn mode(&self) -> VcpuMode {
        self.form.with(|f| f.vm.mode)
    }

    pub fn host_mode(&self) -> HostMode {
        self.form
            .with(|f| f.host_on(self.side).map_or(HostMode::Nodes, |h| h.mode))
    }

    pub fn switch(&self, switch: Switch) -> bool {
        self.form.with(|f| f.switch(switch))
    }

    /// Whether the host details (reserved CPUs, kubelet options) say
    /// anything beyond the defaults: the group then starts open.
    pub fn has_host_details(&self) -> bool {
        self.form.with_untracked(|f| {
            f.host_on(self.side).is_some_and(|h| {
                Field::in_section(Section::HostDetails).any(|d| !h.text(d).trim().is_empty())
            }) || self.side == Side::Main
                && (f.cluster.full_pcpus_only.is_some() || f.cluster.memory_manager.is_some())
        })
    }

    pub fn policy(&self) -> Option<Policy> {
        self.form.with(|f| f.cluster.policy)
    }

    pub fn hugepage_size(&self) -> Option<HugepageSize> {
        self.form.with(|f| f.vm.hugepage_size)
    }

    /// The Memory Manager policy as given (`None`: the node tuning's).
    pub fn memory_manager(&self) -> Option<MemoryManager> {
        self.form.with(|f| f.cluster.memory_manager)
    }

    pub fn node_tuning(&self) -> NodeTuning {
        self.form.with(|f| f.cluster.node_tuning)
    }

    /// What the node tuning turns on that no input gave, under each policy
    /// asked about; empty when nothing.
    pub fn implied_settings(&self) -> String {
        self.report(|r| {
            r.asked()
                .into_iter()
                .filter_map(|p| implied_line(&r.scenario.host, p))
                .collect::<Vec<_>>()
                .join(" ")
        })
    }

    pub fn open_cell(&self) -> Option<Cell> {
        self.open_cell.get()
    }

    /// The query for the inputs shown as `view`, percent-encoded.
    pub fn query(&self, view: &ViewState) -> String {
        encode_query(&self.form.with(|f| to_pairs(f, view)))
    }

    /// This page's address for the inputs shown as `view`.
    pub fn link(&self, view: &ViewState) -> String {
        permalink_with(&location_base(), &self.query(view))
    }

    /// Every input at once: an import read by the worker.
    pub fn replace_form(&self, form: FormState) {
        self.form.set(form);
    }

    pub fn set_text(&self, field: Field, text: String) {
        self.form.update(|f| f.set_text_on(self.side, field, text));
    }

    /// One keyboard step up or down, within the field's bounds.
    pub fn step(&self, field: Field, delta: i64) {
        self.form.update(|f| {
            let next = step(field, f.text_on(self.side, field), delta);
            f.set_text_on(self.side, field, next);
        });
    }

    pub fn set_mode(&self, mode: VcpuMode) {
        self.form.update(|f| f.set_mode(mode));
    }

    pub fn set_host_mode(&self, mode: HostMode) {
        self.form.update(|f| {
            if let Some(host) = f.host_on_mut(self.side) {
                host.set_mode(mode);
            }
        });
    }

    pub fn set_switch(&self, switch: Switch, on: bool) {
        self.form.update(|f| f.set_switch(switch, on));
    }

    pub fn set_hugepage_size(&self, size: Option<HugepageSize>) {
        self.form.update(|f| f.vm.hugepage_size = size);
    }

    pub fn set_node_tuning(&self, tuning: NodeTuning) {
        self.form.update(|f| f.cluster.node_tuning = tuning);
    }

    pub fn set_memory_manager(&self, policy: Option<MemoryManager>) {
        self.form.update(|f| f.cluster.memory_manager = policy);
    }

    pub fn set_policy(&self, policy: Option<Policy>) {
        self.form.update(|f| f.cluster.policy = policy);
    }

    /// Opens a cell's explanation, or closes it when it is the open one.
    pub fn toggle_cell(&self, cell: Cell) {
        self.open_cell.update(|open| {
            *open = if *open == Some(cell) {
                None
            } else {
                Some(cell)
            }
        });
    }

    pub fn close_cell(&self) {
        self.open_cell.set(None);
    }
}

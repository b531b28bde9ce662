use super::codes::{Policy, TableSize};
use crate::trf;
use std::fmt;
use std::str::FromStr;

/// One cell of the document's grid: a table size under a policy. Written
/// `size.policy`, e.g. `large.none`, in links (`cell`), on the page
/// (`data-cell`) and by `link --cell`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cell {
    pub size: TableSize,
    pub policy: Policy,
}

impl Cell {
    pub const fn new(size: TableSize, policy: Policy) -> Cell {
        Cell { size, policy }
    }

    /// All 12 cells, row by row.
    pub fn all() -> impl Iterator<Item = Cell> {
        TableSize::ALL
            .into_iter()
            .flat_map(|size| Policy::ALL.map(|policy| Cell { size, policy }))
    }
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.size, self.policy)
    }
}

/// Text that is not `size.policy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadCell;

impl fmt::Display for BadCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let codes = |all: &[&str]| all.join(", ");
        f.write_str(&trf!(
            "use size.policy, e.g. large.none (sizes: {sizes}; policies: {policies})",
            sizes = codes(&TableSize::ALL.map(TableSize::code)),
            policies = codes(&Policy::ALL.map(Policy::code))
        ))
    }
}

impl FromStr for Cell {
    type Err = BadCell;
    fn from_str(text: &str) -> Result<Cell, BadCell> {
        let (size, policy) = text.split_once('.').ok_or(BadCell)?;
        Ok(Cell {
            size: size.parse().map_err(|_| BadCell)?,
            policy: policy.parse().map_err(|_| BadCell)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cell_reads_back_from_its_code() {
        for cell in Cell::all() {
            assert_eq!(cell.to_string().parse(), Ok(cell));
        }
        assert_eq!(Cell::all().count(), 12);
        assert_eq!(
            "large.none".parse(),
            Ok(Cell::new(TableSize::Large, Policy::None))
        );
        for bad in [
            "",
            "large",
            "large.",
            ".none",
            "half-boundary.none",
            "large.None",
            "large.none.x",
        ] {
            assert_eq!(bad.parse::<Cell>(), Err(BadCell), "{bad}");
        }
    }
}

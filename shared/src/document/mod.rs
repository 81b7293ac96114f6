//! The commune's documents as content: settings (who issues, signs,
//! receives; the presentation numbers), fixed wording, what each table
//! cell and each part of a report says. The `documents` crate only lays
//! this out as .docx and .xlsx.
pub mod access;
pub mod evidence;
pub mod format;
pub mod parts;
pub mod registration;
pub mod rows;
pub mod settings;
pub mod wording;

pub use access::{Document, NUMBER_MAX, file_name, may_get};
pub use format::{ColumnWidths, DocumentFormat, PageNumberPosition};
pub use settings::{DocumentSettings, Header, Signer, number_line};

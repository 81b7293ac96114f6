//! The commune's Party documents as .docx and .xlsx: mẫu 04, mẫu 01,
//! phụ lục 02, the commune's year-end report and the recognition list.
//!
//! Pure: records, the commune's settings and a date in, bytes out. No I/O,
//! no clock (the date is what the document is dated and the "today" of
//! its deadline states). Every figure comes from `shared::figures`, every
//! word from `shared::document`; this crate only lays them out.
use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use shared::figures::YearRecords;
use shared::ids::{ModelId, UnitId};

mod docx;
pub mod grid;
mod lists;
pub mod text;
pub mod xlsx;

pub use docx::pack::mark_header_rows;
pub use lists::sheet_rows;

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    #[error("model not found")]
    ModelNotFound,
    #[error("unit not found")]
    UnitNotFound,
    #[error("this document has no {0} form")]
    Unsupported(&'static str),
    #[error("packing the file: {0}")]
    Pack(String),
    #[error(transparent)]
    Zip(#[from] zip::result::ZipError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

/// Which document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Mẫu 04: one model's registration.
    Mau04(ModelId),
    /// Mẫu 01: the commune's list of registered models.
    Mau01,
    /// Phụ lục 02: one unit's results.
    PhuLuc02(UnitId),
    /// The commune's year-end report.
    Report,
    /// Models recognised, tiêu biểu, proposed for awards and replication.
    Recognition,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Xlsx,
}

impl Format {
    #[must_use]
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
        }
    }
}

/// The photos a document may show (phụ lục 02's evidence appendix), as
/// the server found them for the requester.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Photos {
    /// The bytes of the photos the server holds, by SHA-256; a photo the
    /// records refer to that is not here is listed as still to upload.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Photos the requester may not fetch: left out altogether.
    pub withheld: BTreeSet<String>,
}

/// No photos: every referenced photo listed as still to upload.
pub static NO_PHOTOS: Photos = Photos {
    files: BTreeMap::new(),
    withheld: BTreeSet::new(),
};

/// What a document is made from.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub records: YearRecords<'a>,
    /// The document's date, and "today" for deadline states.
    pub date: NaiveDate,
    /// The number typed by the office ("12" or "12-BC/ĐU"); none leaves a blank.
    pub number: Option<&'a str>,
    /// Photo bytes for the evidence appendix.
    pub photos: &'a Photos,
}

/// A made document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub bytes: Vec<u8>,
    /// The file name with its marks ("Mẫu-01-Danh-sách-mô-hình-2025.docx").
    pub name: String,
    pub content_type: &'static str,
}

impl File {
    /// The name without marks, for the ASCII `filename=` of a download.
    #[must_use]
    pub fn ascii_name(&self) -> String {
        text::ascii_name(&self.name)
    }

    /// `attachment; filename="Mau-01-…docx"; filename*=UTF-8''M%E1%BA%ABu-01-…`:
    /// the ASCII name for old clients, the accented one (RFC 5987) for the rest.
    #[must_use]
    pub fn content_disposition(&self) -> String {
        format!(
            "attachment; filename=\"{}\"; filename*=UTF-8''{}",
            self.ascii_name(),
            text::rfc5987(&self.name)
        )
    }
}

/// Makes one document.
pub fn make(req: &Request<'_>, kind: Kind, format: Format) -> Result<File, DocError> {
    use shared::document::wording as w;
    let year = req.records.campaign.year;
    let (bytes, stem) = match (kind, format) {
        (Kind::Mau04(id), Format::Docx) => {
            (docx::mau_04::make(req, id)?, w::FILE_MAU_04.to_owned())
        }
        (Kind::Mau01, Format::Docx) => (docx::mau_01::make(req)?, w::FILE_MAU_01.to_owned()),
        (Kind::Mau01, Format::Xlsx) => (lists::mau_01_xlsx(req)?, w::FILE_MAU_01.to_owned()),
        (Kind::PhuLuc02(id), Format::Docx) => {
            let unit = req.records.unit(id).ok_or(DocError::UnitNotFound)?;
            let stem = format!(
                "{}-{}",
                w::FILE_PHU_LUC_02,
                unit.name.trim().replace(' ', "-")
            );
            (docx::phu_luc_02::make(req, id)?, stem)
        }
        (Kind::Report, Format::Docx) => (docx::report::make(req)?, w::FILE_REPORT.to_owned()),
        (Kind::Recognition, Format::Docx) => (
            docx::recognition::make(req)?,
            w::FILE_RECOGNITION.to_owned(),
        ),
        (Kind::Recognition, Format::Xlsx) => (
            lists::recognition_xlsx(req)?,
            w::FILE_RECOGNITION.to_owned(),
        ),
        (Kind::Mau04(_) | Kind::PhuLuc02(_) | Kind::Report, Format::Xlsx) => {
            return Err(DocError::Unsupported("xlsx"));
        }
    };
    Ok(File {
        bytes,
        name: text::clean(&format!("{stem}-{year}.{}", format.extension())),
        content_type: format.content_type(),
    })
}

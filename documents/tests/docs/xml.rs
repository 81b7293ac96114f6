//! Facts of the generated XML: repeated header rows, landscape sections,
//! fonts and sizes, numbers never invented, NFC text, compressed entries.
use documents::{Format, Kind, make};
use shared::document::wording;

use crate::common::{every_document, part, request, xml_text};

fn demo() -> shared::demo::DemoData {
    shared::demo::thanh_mien_with_villages()
}

#[test]
fn mau_01_is_landscape_with_repeated_header_rows() {
    let data = demo();
    let file = make(&request(&data, None), Kind::Mau01, Format::Docx).unwrap();
    assert_eq!(file.name, "Mẫu-01-Danh-sách-mô-hình-2025.docx");
    assert_eq!(file.ascii_name(), "Mau-01-Danh-sach-mo-hinh-2025.docx");
    let xml = part(&file.bytes, "word/document.xml");
    // Both header rows of the list repeat; no other row does.
    assert_eq!(xml.matches("<w:tblHeader />").count(), 2);
    assert!(xml.contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape" />"#));
    assert!(!xml.contains(r#"w:orient="portrait""#));
    // A4 margins of the guide: top 20 mm, left 30, right 15.
    assert!(xml.contains(r#"w:top="1134" w:right="850" w:bottom="1134" w:left="1701""#));
    // Times New Roman throughout; 12 pt table text, 15 pt title and motto.
    assert!(xml.contains(r#"w:ascii="Times New Roman""#));
    assert!(!xml.contains("Calibri") && !xml.contains("Arial"));
    assert!(xml.contains(r#"<w:sz w:val="24" />"#));
    assert!(xml.contains(r#"<w:sz w:val="30" />"#));
    // No page number on page 1: a title page with its own blank header.
    assert!(xml.contains("<w:titlePg"));
    let text = xml_text(&xml);
    for m in data
        .models
        .iter()
        .filter(|m| m.status.is_registered() && m.campaign_id == data.campaigns[1].id)
    {
        assert!(text.contains(&m.name), "{}", m.name);
    }
    assert!(text.contains("Tổng: 24 mô hình (21 tập thể, 3 cá nhân)"));
}

#[test]
fn report_is_portrait_then_landscape() {
    let data = demo();
    let file = make(&request(&data, Some("12")), Kind::Report, Format::Docx).unwrap();
    let xml = part(&file.bytes, "word/document.xml");
    let portrait = xml.find(r#"w:orient="portrait""#).unwrap();
    let landscape = xml.find(r#"w:orient="landscape""#).unwrap();
    assert!(portrait < landscape);
    // The coverage table, the list and the results each repeat their header.
    assert_eq!(xml.matches("<w:tblHeader />").count(), 1 + 2 + 1);
    let text = xml_text(&xml);
    assert!(text.contains("Số 12-BC/ĐU"));
    assert!(text.contains("ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG"));
    assert!(text.contains("Thanh Miện, ngày 01 tháng 12 năm 2025"));
    assert!(text.contains(wording::TO_WRITE_COMMUNE));
    assert!(text.contains("Phạm Văn Hùng (mẫu)"));
}

#[test]
fn numbers_stay_blank_unless_typed() {
    let data = demo();
    for (name, file) in every_document(&data) {
        if file.name.ends_with(".docx") {
            let text = xml_text(&part(&file.bytes, "word/document.xml"));
            let line = text
                .find("Số \u{a0}")
                .unwrap_or_else(|| panic!("{name}: no blank number"));
            let number: String = text[line..].chars().take(14).collect();
            assert!(
                !number.chars().any(|c| c.is_ascii_digit()),
                "{name}: {number}"
            );
            assert!(
                number.contains('-') && number.contains('/'),
                "{name}: {number}"
            );
        }
    }
}

#[test]
fn every_entry_is_compressed_and_docx_rs_reads_it_back() {
    let data = demo();
    for (name, file) in every_document(&data) {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&file.bytes)).unwrap();
        for i in 0..archive.len() {
            let entry = archive.by_index(i).unwrap();
            assert_eq!(
                entry.compression(),
                zip::CompressionMethod::Deflated,
                "{name}"
            );
        }
        if file.name.ends_with(".docx") {
            docx_rs::read_docx(&file.bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}

#[test]
fn text_is_nfc() {
    let mut data = demo();
    let decomposed = "Mo\u{302}\u{301} hi\u{300}nh the\u{302}\u{309} thao";
    let id = data
        .models
        .iter()
        .find(|m| m.status.is_registered() && m.campaign_id == data.campaigns[1].id)
        .unwrap()
        .id;
    data.models.iter_mut().find(|m| m.id == id).unwrap().name = decomposed.to_owned();
    let file = make(&request(&data, None), Kind::Mau01, Format::Docx).unwrap();
    let xml = part(&file.bytes, "word/document.xml");
    assert!(xml.contains("Mố hình thể thao"));
    assert!(!xml.contains(decomposed));
    let sheet = make(&request(&data, None), Kind::Mau01, Format::Xlsx).unwrap();
    assert!(part(&sheet.bytes, "xl/sharedStrings.xml").contains("Mố hình thể thao"));
}

#[test]
fn spreadsheets_print_a4_landscape_one_page_wide_with_titles_repeated() {
    let data = demo();
    let file = make(&request(&data, None), Kind::Mau01, Format::Xlsx).unwrap();
    let sheet = part(&file.bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"paperSize="9""#));
    assert!(sheet.contains(r#"orientation="landscape""#));
    assert!(sheet.contains(r#"fitToHeight="0""#));
    assert!(part(&file.bytes, "xl/workbook.xml").contains("_xlnm.Print_Titles"));
    assert!(part(&file.bytes, "docProps/core.xml").contains("2025-12-01"));
}

#[test]
fn header_rows_are_marked_only_in_their_table() {
    let xml = "<w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl>\
               <w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr><w:tr><w:trPr /></w:tr></w:tbl>";
    let marked = documents::mark_header_rows(xml, &[0, 1]);
    assert_eq!(marked.matches("<w:tblHeader />").count(), 1);
    assert!(marked.starts_with("<w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr>"));
    assert!(marked.contains("<w:cantSplit /><w:tblHeader /></w:trPr></w:tr><w:tr><w:trPr />"));
}

#[test]
fn downloads_name_the_file_in_ascii_and_in_utf8() {
    let data = demo();
    let file = make(&request(&data, None), Kind::Mau01, Format::Docx).unwrap();
    assert_eq!(
        file.content_disposition(),
        "attachment; filename=\"Mau-01-Danh-sach-mo-hinh-2025.docx\"; \
         filename*=UTF-8''M%E1%BA%ABu-01-Danh-s%C3%A1ch-m%C3%B4-h%C3%ACnh-2025.docx"
    );
    assert_eq!(
        file.content_type,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
}

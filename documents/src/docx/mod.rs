//! The .docx documents, one module each, on shared blocks.
pub mod blocks;
pub mod evidence;
pub mod mau_01;
pub mod mau_04;
pub mod pack;
pub mod phu_luc_02;
pub mod recognition;
pub mod report;
pub mod style;
pub mod table;

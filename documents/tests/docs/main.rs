//! Tests of the documents crate: XML facts of each file, any input makes a
//! file that opens, and every demo document rendered by LibreOffice.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod evidence;
mod props;
mod render;
mod tools;
mod xml;

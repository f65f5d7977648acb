//! The Word document: placeholder until the docx item is built.

use super::{DebriefError, Report};

pub fn render(_report: &Report) -> Result<Vec<u8>, DebriefError> {
    Err(DebriefError::Write("docx is not available yet".into()))
}

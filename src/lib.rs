//! Casework: a teaching simulator and scenario bank for social-work case management.
//!
//! The core is plain Rust: the file formats ([`scenario`], [`rubric`]), loading and
//! validating them ([`source`], [`bank`], [`check`]), the case-management engine
//! ([`engine`]), the client's ecomap as a session stands ([`network`]), explainable
//! scoring ([`score`]), interface texts ([`i18n`]), tools for instructors who write cases
//! ([`authoring`]) and the command line ([`cli`]). The trainer window is built on top of
//! these and holds no rule of its own.

pub mod authoring;
pub mod bank;
pub mod check;
pub mod choices;
pub mod cli;
pub mod diagnostic;
pub mod engine;
pub mod explore;
#[cfg(feature = "gui")]
pub mod gui;
pub mod i18n;
pub mod network;
pub mod rubric;
pub mod scenario;
pub mod score;
pub mod source;
pub mod translate;

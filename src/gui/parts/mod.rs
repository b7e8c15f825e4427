//! Pieces of the workspace and the review, each a plain function over the view model.

pub mod casefile;
pub mod client;
pub mod ecomap;
pub mod plan;
pub mod stepper;

//! Screens, one module each.
pub mod home;
pub mod login;
pub mod syncbar;

//! ICS

//! Integration tests of Renewal Desk: one binary, one module per area.

mod brief;

//! AFL++ target: see [`renewal_fuzz::parse`].
fn main() {
    afl::fuzz!(|data: &[u8]| {
        renewal_fuzz::parse(data);
    });
}

//! AFL++ target: see [`renewal_fuzz::text`].
fn main() {
    afl::fuzz!(|data: &[u8]| {
        renewal_fuzz::text(data);
    });
}

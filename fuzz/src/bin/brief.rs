//! AFL++ target: see [`renewal_fuzz::brief`].
fn main() {
    afl::fuzz!(|data: &[u8]| {
        renewal_fuzz::brief(data);
    });
}

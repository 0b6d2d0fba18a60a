//! AFL++ target: see [`renewal_fuzz::markdown`].
fn main() {
    afl::fuzz!(|data: &[u8]| {
        renewal_fuzz::markdown(data);
    });
}

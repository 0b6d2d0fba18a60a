//! AFL++ target: see [`renewal_fuzz::pdf`].
fn main() {
    afl::fuzz!(|data: &[u8]| {
        renewal_fuzz::pdf(data);
    });
}

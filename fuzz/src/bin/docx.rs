//! AFL++ target: see [`renewal_fuzz::docx`].
fn main() {
    afl::fuzz!(|data: &[u8]| {
        renewal_fuzz::docx(data);
    });
}

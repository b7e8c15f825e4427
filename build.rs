// The scenario bank and the interface texts are embedded in the binary: rebuild when they
// change.
fn main() {
    println!("cargo:rerun-if-changed=scenarios");
    println!("cargo:rerun-if-changed=locales");
}

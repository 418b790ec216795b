fn main() {
    generator::build_script("specs/flowwise.yaml");
}

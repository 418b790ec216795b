//! Emitting and formatting run on several threads: the output must not
//! depend on how many, nor on which thread took which item.

use std::path::Path;

#[test]
fn output_is_the_same_on_one_thread_and_on_several() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/specs/cashfree-pg.yaml");
    let loaded = generator::load::load_file(&spec).expect("the Cashfree spec loads");
    let on = |threads: usize| {
        generator::Generator::new("api")
            .threads(threads)
            .generate(&loaded)
            .expect("the Cashfree spec generates")
    };
    let one = on(1);
    assert_eq!(one.timings.threads, 1);
    for threads in [2, 3, 8] {
        let several = on(threads);
        assert!(
            several.timings.threads > 1,
            "{threads} threads were asked for"
        );
        assert_eq!(
            one.files, several.files,
            "files differ on {threads} threads"
        );
        let names = |g: &generator::Generated| {
            g.items
                .iter()
                .map(|i| (i.kind, i.name.clone(), i.code.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(&one),
            names(&several),
            "items differ on {threads} threads"
        );
    }
}

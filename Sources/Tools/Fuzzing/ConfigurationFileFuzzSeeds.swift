import Training

extension ConfigurationFileFuzzer {
    /// Run configurations like `scripts/bench/methods/*.yaml` (two of them verbatim), plus the YAML forms a
    /// user may write: lists in both styles, booleans, quoted and tagged scalars, snake_case keys, comments
    /// and document markers.
    public static let builtInSeeds: [String] = [
        """
        # rmu on the demo benchmark's forget10 (see scripts/bench/methods.sh)
        epochs: 5
        batch-size: 8
        schedule: constant
        warmup-steps: 2
        max-length: 128
        method: rmu
        learning-rate: 1.0e-2
        retain-weight: 10

        """,
        """
        # graddiff-lora on the demo benchmark's forget10 (see scripts/bench/methods.sh)
        epochs: 5
        batch-size: 8
        schedule: constant
        warmup-steps: 2
        max-length: 128
        method: graddiff
        lora-rank: 8
        learning-rate: 2.0e-3

        """,
        """
        ---
        method: simnpo   # SimNPO's published defaults otherwise
        forget: [bench/data/forget10.json, "bench/data/forget05.json"]
        retain:
          - bench/data/retain90.json
          - 'bench/data/retain 95.json'
        lora_targets: [q_proj, v_proj]
        trainable: ".*mlp\\\\.down_proj.*"
        l1: 0x10
        beta: !!float 4.5
        seed: !!str 0012
        resume: true
        greedy: no
        steps: 1_000
        curvature-every: 1:30
        ...

        """,
        "{method: npo, learning-rate: 3.0e-4, forget: [a.json, b.json], resume: false}\n",
    ]

    static let dictionary: [String] = [
        "method: ", "learning-rate: ", "forget:\n  - ", "- ", ": ", "? ", "[", "]", "{", "}", ",", "#", "---\n", "...\n",
        "&a ", "*a", "<<: ", "!!int ", "!!str ", "!!float ", "!!binary ", "!!timestamp ", "!!map ", "!!seq ", "!custom ",
        "|\n  ", ">-\n  ", "'", "\"", "\\", "~", "null", "true", "yes", "off", ".inf", "-.inf", ".nan", "0o17", "0b101",
        "0xFFFFFFFFFFFFFFFFFF", "2001-12-14t21:59:43.10-05:00", "2002-12-14", "1:00:00:00:00:00:00:00:00:00:00:00",
        "config: x.yaml\n", "[a]: 1\n", "{a: b}: 1\n", "? [x, y]\n: z\n", "%YAML 1.1\n---\n", "%TAG ! tag:x,2000:\n---\n",
        "\t", "\u{FEFF}", "\u{85}", "\u{2028}",
    ]
}

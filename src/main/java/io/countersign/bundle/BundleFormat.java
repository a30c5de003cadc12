package io.countersign.bundle;

/** The two notations a bundle may be written in; both describe the same document. */
public enum BundleFormat {
    JSON,
    YAML
}

package io.countersign.bundle;

import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.io.IOContext;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLFactoryBuilder;
import tools.jackson.dataformat.yaml.YAMLParser;

/** A YAML factory whose parsers read bundles by the YAML 1.2 core schema's nulls ({@link CoreSchemaYamlParser}). */
final class CoreSchemaYamlFactory extends YAMLFactory {

    private static final long serialVersionUID = 1L;

    CoreSchemaYamlFactory(YAMLFactoryBuilder builder) {
        super(builder);
    }

    private CoreSchemaYamlFactory(CoreSchemaYamlFactory source) {
        super(source);
    }

    @Override
    public CoreSchemaYamlFactory copy() {
        return new CoreSchemaYamlFactory(this);
    }

    /** A bundle is always read from its bytes. */
    @Override
    protected YAMLParser _createParser(
            ObjectReadContext readContext, IOContext ioContext, byte[] data, int offset, int len) {
        return new CoreSchemaYamlParser(
                readContext,
                ioContext,
                _getBufferRecycler(),
                readContext.getStreamReadFeatures(_streamReadFeatures),
                readContext.getFormatReadFeatures(_formatReadFeatures),
                _loadSettings,
                _createReader(data, offset, len, null, ioContext));
    }
}

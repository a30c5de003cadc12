package io.countersign.web.api;

import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;

/**
 * A choice given in a query parameter ({@code ?state=dead}) is read in any case, as the API's other
 * choices are: a request's {@code status}, {@code awaiting=me}, an export's {@code format} and a
 * notification's {@code channel} all are, and one list refusing what the next takes is a trap for a
 * script written against both. Spring's own reading matches the constant's name exactly.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
final class CaseInsensitiveChoices implements ConverterFactory<String, Enum> {

    @Override
    public <T extends Enum> Converter<String, T> getConverter(Class<T> type) {
        return text -> {
            String name = text.trim();
            if (name.isEmpty()) {
                return null;
            }
            for (T choice : type.getEnumConstants()) {
                if (choice.name().equalsIgnoreCase(name)) {
                    return choice;
                }
            }
            // answered in the words of what the parameter takes, never with the text sent
            throw new IllegalArgumentException("not one of the choices");
        };
    }
}

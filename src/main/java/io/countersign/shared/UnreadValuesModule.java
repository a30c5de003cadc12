package io.countersign.shared;

import java.util.function.Function;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.module.SimpleModule;

/**
 * Lets a reader note what it cannot read in an {@link UnreadValues} and read on: an unknown enum name,
 * an unknown field, a value of the wrong type. A reading for which {@code unread} finds no {@link
 * UnreadValues} stays strict and stops at the first of them. Register it before any module that wraps
 * value readers: the reader registered last wraps innermost, and a refusal from a wrapper outside this
 * module's would end the reading of the whole enclosing object.
 */
public final class UnreadValuesModule extends SimpleModule {

    private final Function<DeserializationContext, UnreadValues> unread;
    private final WrongTypeIssue wrongType;

    /** Notes in whatever {@code unread} finds for the reading under way, words a wrong type as {@code wrongType}. */
    public UnreadValuesModule(Function<DeserializationContext, UnreadValues> unread, WrongTypeIssue wrongType) {
        super(UnreadValuesModule.class.getSimpleName());
        this.unread = unread;
        this.wrongType = wrongType;
    }

    /** Notes in the {@link UnreadValues} given to the reader as its attribute {@link UnreadValues#ATTRIBUTE}. */
    public static UnreadValuesModule inReaderAttribute(WrongTypeIssue wrongType) {
        return new UnreadValuesModule(
                context -> context.getAttribute(UnreadValues.ATTRIBUTE) instanceof UnreadValues found ? found : null,
                wrongType);
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addHandler(new UnknownEnumValues(unread));
        context.addHandler(new UnknownFields(unread));
        context.addDeserializerModifier(new WrongTypesSkipped(unread, wrongType));
    }
}

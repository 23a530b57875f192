package fr.portail.messages.platform;

import tools.jackson.core.JacksonException;

/** Where in a JSON document Jackson failed, written as the API names fields: {@code users[2].name}. */
public final class JsonPaths {

    private JsonPaths() {}

    public static String of(JacksonException exception) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : exception.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}

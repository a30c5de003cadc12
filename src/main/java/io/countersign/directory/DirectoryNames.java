package io.countersign.directory;

import java.util.List;

/**
 * Which users, groups and levels exist: in the directory as it is ({@link Directory}), or as an import
 * will leave it ({@link DirectoryPlan}), so that what names them can be checked before anything is written.
 */
public interface DirectoryNames {

    /** Whether the user exists, active or not. */
    boolean isUser(String username);

    boolean isGroup(String group);

    boolean isLevel(String level);

    /** Level names, lowest first. */
    List<String> levels();
}

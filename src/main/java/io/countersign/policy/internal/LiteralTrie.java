package io.countersign.policy.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps literal anchors (a pattern's literal prefix, or its literal suffix read backwards) to the
 * ranks of the policies anchored there. Walking a name through the trie yields, in one pass, every
 * bucket whose anchor the name starts (or ends) with: the only policies that can match it.
 */
final class LiteralTrie {

    private static final int[] NONE = new int[0];

    private final Node root;

    private LiteralTrie(Node root) {
        this.root = root;
    }

    /** Adds to {@code out} every non-empty bucket whose anchor is a prefix of {@code key} (read backwards when asked). */
    void collect(String key, boolean backwards, List<int[]> out) {
        Node node = root;
        int length = key.length();
        for (int i = 0; i < length; i++) {
            node = node.child(key.charAt(backwards ? length - 1 - i : i));
            if (node == null) {
                return;
            }
            if (node.ranks.length > 0) {
                out.add(node.ranks);
            }
        }
    }

    static Builder builder() {
        return new Builder();
    }

    static final class Builder {
        private final Map<Character, Builder> children = new TreeMap<>();
        private final List<Integer> ranks = new ArrayList<>();

        /** Files {@code rank} under a non-empty anchor; ranks must be added in ascending order. */
        void add(String anchor, boolean backwards, int rank) {
            Builder node = this;
            int length = anchor.length();
            for (int i = 0; i < length; i++) {
                char c = anchor.charAt(backwards ? length - 1 - i : i);
                node = node.children.computeIfAbsent(c, ignored -> new Builder());
            }
            node.ranks.add(rank);
        }

        LiteralTrie build() {
            return new LiteralTrie(freeze());
        }

        private Node freeze() {
            char[] keys = new char[children.size()];
            Node[] kids = new Node[children.size()];
            int i = 0;
            for (Map.Entry<Character, Builder> child : children.entrySet()) {
                keys[i] = child.getKey();
                kids[i] = child.getValue().freeze();
                i++;
            }
            int[] frozen = ranks.isEmpty()
                    ? NONE
                    : ranks.stream().mapToInt(Integer::intValue).toArray();
            return new Node(keys, kids, frozen);
        }
    }

    private static final class Node {
        final char[] keys;
        final Node[] kids;
        final int[] ranks;

        Node(char[] keys, Node[] kids, int[] ranks) {
            this.keys = keys;
            this.kids = kids;
            this.ranks = ranks;
        }

        Node child(char c) {
            int at = keys.length < 8 ? linear(c) : Arrays.binarySearch(keys, c);
            return at < 0 ? null : kids[at];
        }

        private int linear(char c) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] == c) {
                    return i;
                }
            }
            return -1;
        }
    }
}

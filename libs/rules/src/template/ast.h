// Parse tree of a Go text/template (the shape of Go's text/template/parse nodes).
// Trees are immutable after parsing and shared between template sets; thread-safe to read.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace pharos::gotemplate {

enum class NodeType {
    List, Text, Action, If, Range, With, Template, Break, Continue,
    Pipe, Command, Field, Variable, Chain, Identifier, Dot, Nil, Bool, Number, String,
};

struct Node {
    NodeType type;
    size_t pos = 0;  // byte offset in the template text

    std::string text;  // Text: the text; String: the unquoted value; Number/String: see literal;
                       // Identifier: the function name; Template: the called name
    std::string literal;              // Number/String: the source spelling
    std::vector<std::string> idents;  // Field/Chain: field names; Variable: "$x" then fields
    std::vector<std::unique_ptr<Node>> nodes;  // List: items; Pipe: commands; Command: args;
                                               // Chain: the operand (one node)

    // If/Range/With: pipe, list and elseList (else-if chains nest an If in elseList).
    // Action/Template: pipe (Template: may be null).
    std::unique_ptr<Node> pipe, list, elseList;

    // Pipe: declared variables and whether this is an assignment ($x = ...).
    std::vector<std::string> decl;
    bool isAssign = false;

    // Bool value; Number classification (Go's parse.NumberNode).
    bool boolVal = false;
    bool isInt = false, isFloat = false;
    int64_t intVal = 0;
    double floatVal = 0;

    explicit Node(NodeType t, size_t p = 0) : type(t), pos(p) {}
};

// One parsed template: its name, the source text (for error positions) and its root list.
struct Tree {
    std::string name;       // the template's name
    std::string parseName;  // the name of the top-level template its text came from
    std::shared_ptr<const std::string> source;
    std::unique_ptr<Node> root;
};

// Go's Node.String(): the node printed back as template source (used in error contexts).
std::string nodeString(const Node& n);

}  // namespace pharos::gotemplate

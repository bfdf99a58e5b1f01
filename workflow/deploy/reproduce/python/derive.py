class Derive(Transformer):
    """derive: a numeric column computed from the columns it reads by an
    expression (see the expression functions above); a true/false result is
    1/0."""

    def __init__(self, name, expression):
        self.name, self.expression = name, expression

    def transform(self, X):
        return pd.DataFrame({self.name: evaluate(self.expression, X)}, index=X.index)

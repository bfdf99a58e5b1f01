class DateParts(Transformer):
    """date_parts: each date column becomes numbers NAME_year, NAME_month
    (1-12), NAME_day (1-31), NAME_weekday (0 Monday to 6 Sunday) and
    NAME_hour (0-23), in UTC, for the parts asked; a missing date gives NaN."""

    def __init__(self, parts):
        self.parts = parts

    def transform(self, X):
        out = {}
        for c in X.columns:
            d = pd.to_datetime(X[c]).dt
            values = {"year": d.year, "month": d.month, "day": d.day, "weekday": d.weekday, "hour": d.hour}
            for part in self.parts:
                out[f"{c}_{part}"] = values[part].astype(float).to_numpy()
        return pd.DataFrame(out, index=X.index)

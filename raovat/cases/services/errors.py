class WorkflowError(Exception):
    """A refused change. Each problem is a Vietnamese sentence naming the case."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__(" ".join(self.problems))

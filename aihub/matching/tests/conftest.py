import pytest

from aihub.matching.engine import Demand, Partner, PartnerIndex


@pytest.fixture(scope="module")
def partners() -> list[Partner]:
    return [
        Partner(
            id="mila",
            name="Mila language lab",
            text="We work on fine-tuning large language models (LLM) for industry.",
            tags=("NLP",),
            capacity=2,
        ),
        Partner(
            id="vision",
            name="Vision group",
            text="Surface defect detection with cameras on production lines.",
            tags=("computer vision",),
            capacity=1,
        ),
        Partner(
            id="speech",
            name="음성 연구실",
            text="음성인식과 음성합성을 연구하며 콜센터 기업과 협력합니다.",
            tags=("음성인식",),
            capacity=1,
        ),
        Partner(
            id="tax",
            name="세무법인",
            text="스타트업 세무 회계 자문과 연구개발 세액공제 신청을 돕습니다.",
            capacity=0,
        ),
    ]


@pytest.fixture(scope="module")
def index(partners) -> PartnerIndex:
    return PartnerIndex(partners)


@pytest.fixture
def llm_demand() -> Demand:
    return Demand(
        id=1,
        title="언어모델 협력",
        text="대규모 언어모델 파인튜닝을 함께 할 연구실을 찾습니다.",
        tags=("LLM",),
    )

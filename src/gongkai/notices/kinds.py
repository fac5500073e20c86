"""The letters sent in handling an application, and the legal basis each one cites."""

from __future__ import annotations

from django.db import models

REGULATION = "《中华人民共和国政府信息公开条例》"
FEE_RULES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"


class LetterKind(models.TextChoices):
    REPLY = "reply", "政府信息公开申请答复告知书"
    CORRECTION = "correction", "政府信息公开申请补正告知书"
    EXTENSION = "extension", "政府信息公开申请延期答复告知书"
    CONSULTATION = "consultation", "政府信息公开征求意见函"
    FEE = "fee", "政府信息处理费收费通知书"


# The word in the document number (文号) of each kind: 〔2025〕答3号.
NUMBER_WORD = {
    LetterKind.REPLY: "答",
    LetterKind.CORRECTION: "补",
    LetterKind.EXTENSION: "延",
    LetterKind.CONSULTATION: "征",
    LetterKind.FEE: "费",
}

# The article(s) of the Regulation each reply outcome rests on (the 表三 leaf rows).
# 第三十六条 lists the answer types; the exemption articles say why information is withheld.
OUTCOME_BASIS: dict[str, tuple[str, ...]] = {
    "granted": ("第三十六条第（二）项",),
    "partially_granted": ("第三十七条", "第三十六条第（二）项", "第三十六条第（三）项"),
    "denied.state_secret": ("第三十六条第（三）项", "第十四条"),
    "denied.law_prohibited": ("第三十六条第（三）项", "第十四条"),
    "denied.three_securities_one_stability": ("第三十六条第（三）项", "第十四条"),
    "denied.third_party_rights": ("第三十六条第（三）项", "第十五条"),
    "denied.internal_affairs": ("第三十六条第（三）项", "第十六条第一款"),
    "denied.process_info": ("第三十六条第（三）项", "第十六条第二款"),
    "denied.enforcement_case_file": ("第三十六条第（三）项", "第十六条第二款"),
    "denied.administrative_inquiry": ("第三十六条第（七）项",),
    "unable.not_held": ("第三十六条第（四）项",),
    "unable.needs_creation": ("第三十八条",),
    "unable.unclear_after_correction": ("第三十条",),
    "not_processed.petition_complaint": ("第三十九条第一款",),
    "not_processed.duplicate": ("第三十六条第（六）项",),
    "not_processed.publication": ("第三十九条第二款",),
    "not_processed.excessive": ("第三十五条",),
    "not_processed.confirm_or_reissue": ("第三十六条第（六）项",),
    "other.no_correction": ("第三十条",),
    "other.fee_not_paid": ("第四十二条",),
    "other.other": ("第三十六条",),
}

# What the reply says for each outcome, before the agency's own reasons.
OUTCOME_TEXT: dict[str, str] = {
    "granted": "经审查，您申请获取的政府信息属于公开范围，本机关予以公开，现按您选择的方式提供。",
    "partially_granted": "经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。本机关向您提供可以公开的内容，对不予公开的内容说明理由如下。",
    "denied.state_secret": "经审查，您申请获取的政府信息依法确定为国家秘密，本机关决定不予公开。",
    "denied.law_prohibited": "经审查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息，本机关决定不予公开。",
    "denied.three_securities_one_stability": "经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，本机关决定不予公开。",
    "denied.third_party_rights": "经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，本机关决定不予公开。",
    "denied.internal_affairs": "经审查，您申请获取的政府信息属于行政机关的内部事务信息，本机关决定不予公开。",
    "denied.process_info": "经审查，您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的过程性信息，本机关决定不予公开。",
    "denied.enforcement_case_file": "经审查，您申请获取的政府信息属于行政执法案卷信息，本机关决定不予公开。",
    "denied.administrative_inquiry": "经审查，您申请获取的信息属于行政查询事项，有关法律、行政法规对信息的获取有特别规定，请依照有关规定办理。",
    "unable.not_held": "经检索，本机关没有您申请公开的政府信息，该政府信息不存在。",
    "unable.needs_creation": "经审查，本机关没有现成的您所申请的信息，需要对现有政府信息进行加工、分析，本机关不予提供。",
    "unable.unclear_after_correction": "经补正后，您的申请内容仍不明确，本机关无法提供。",
    "not_processed.petition_complaint": "经审查，您以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关不作为政府信息公开申请处理，您可以通过相应渠道提出。",
    "not_processed.duplicate": "本机关已就您提出的政府信息公开申请作出答复，您重复申请公开相同政府信息，本机关不予重复处理。",
    "not_processed.publication": "您申请获取的是公开出版物，本机关告知您获取的途径。",
    "not_processed.excessive": "您申请公开政府信息的数量、频次明显超过合理范围，经要求说明理由，本机关认为申请理由不合理，不予处理。",
    "not_processed.confirm_or_reissue": "您要求本机关确认或者重新出具已获取的信息，本机关不予处理。",
    "other.no_correction": "您无正当理由逾期未补正，视为放弃申请，本机关不再处理您的政府信息公开申请。",
    "other.fee_not_paid": "您逾期未按收费通知要求缴纳信息处理费，本机关不再处理您的政府信息公开申请。",
    "other.other": "本机关对您的申请作如下处理。",
}


def cite(articles: tuple[str, ...] | list[str]) -> str:
    return REGULATION + "、".join(articles)
